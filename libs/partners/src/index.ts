export { CreatePartnerDto } from './dto/create-partner.dto';
export { ListPartnersQuery } from './dto/list-partners.query';
export { PartnerDto } from './dto/partner.dto';
export { UpdatePartnerDto } from './dto/update-partner.dto';
export { PartnersModule } from './partners.module';
export { PartnersRepository } from './partners.repository';
export type { Partner } from './partners.repository';
export { PartnersService } from './partners.service';
