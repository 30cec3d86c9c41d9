export * from './dto/business-hours.dto';
export * from './dto/create-partner.dto';
export * from './dto/list-partners.query';
export * from './dto/partner.dto';
export * from './dto/update-partner.dto';
export * from './partner.entity';
export * from './partners.module';
export * from './partners.service';
