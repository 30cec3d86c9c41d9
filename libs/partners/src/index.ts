export { CHANNEL_PARTNER_SORTS, type ChannelPartnerRow, type ChannelPartnerSort } from './channel-partners.repository';
export * from './dto/business-hours.dto';
export * from './dto/create-partner.dto';
export * from './dto/list-partners.query';
export * from './dto/partner.dto';
export * from './dto/update-partner.dto';
export { type BusinessHoursWindow, type Partner, PartnersRepository } from './partners.repository';
export * from './partners.module';
export * from './partners.service';
