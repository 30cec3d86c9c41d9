import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Campaign } from './campaign.entity';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { LeadType } from './lead-type.entity';
import { LeadTypesController } from './lead-types.controller';
import { LeadTypesService } from './lead-types.service';

/** Lead types (with their SLAs) and campaigns: the reference data leads point at. */
@Module({
  imports: [TypeOrmModule.forFeature([LeadType, Campaign])],
  controllers: [LeadTypesController, CampaignsController],
  providers: [LeadTypesService, CampaignsService],
  exports: [TypeOrmModule, LeadTypesService, CampaignsService],
})
export class CatalogModule {}
