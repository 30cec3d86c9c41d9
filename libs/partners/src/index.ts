export { CreatePartnerDto } from './dto/create-partner.dto';
export { ListPartnersQuery } from './dto/list-partners.query';
export { PartnerDto } from './dto/partner.dto';
export { UpdatePartnerDto } from './dto/update-partner.dto';
export { type BusinessHoursWindow, type Partner, PartnersRepository } from './partners.repository';
export { PartnersModule } from './partners.module';
export { PartnersService } from './partners.service';
