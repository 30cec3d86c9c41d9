import { Module } from '@nestjs/common';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { LeadTypesController } from './lead-types.controller';
import { LeadTypesRepository } from './lead-types.repository';
import { LeadTypesService } from './lead-types.service';

/** Lead types (with their SLAs) and campaigns: the reference data leads point at. */
@Module({
  controllers: [LeadTypesController, CampaignsController],
  providers: [LeadTypesService, CampaignsService, LeadTypesRepository, CampaignsRepository],
  exports: [LeadTypesService, CampaignsService],
})
export class CatalogModule {}
