import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Campaign } from './campaign.entity';
import { LeadType } from './lead-type.entity';

/** Lead types (with their SLAs) and campaigns: the reference data leads point at. */
@Module({
  imports: [TypeOrmModule.forFeature([LeadType, Campaign])],
  exports: [TypeOrmModule],
})
export class CatalogModule {}
