import { Module } from '@nestjs/common';
import { AuditModule } from '@leadgate/audit';
import { CampaignsController } from './campaigns.controller';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { LeadTypesController } from './lead-types.controller';
import { LeadTypesRepository } from './lead-types.repository';
import { LeadTypesService } from './lead-types.service';
import { ReasonCodesController } from './reason-codes.controller';

/** Lead types (with their SLAs), campaigns and reason codes: the reference data leads point at. */
@Module({
  imports: [AuditModule],
  controllers: [LeadTypesController, CampaignsController, ReasonCodesController],
  providers: [LeadTypesService, CampaignsService, LeadTypesRepository, CampaignsRepository],
  exports: [LeadTypesService, CampaignsService, LeadTypesRepository],
})
export class CatalogModule {}
