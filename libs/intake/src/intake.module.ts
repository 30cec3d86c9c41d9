import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { CatalogModule } from '@leadgate/catalog';
import { LifecycleModule } from '@leadgate/lifecycle';
import { LeadCsvImporter } from './csv/lead-csv-importer';
import { LeadImportsRepository } from './csv/lead-imports.repository';
import { LeadImportsService } from './csv/lead-imports.service';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';
import { SentLeadsController } from './sent-leads.controller';
import { SentLeadsRepository } from './sent-leads.repository';
import { SentLeadsService } from './sent-leads.service';

/** Taking leads in over the API, the CSV import and bulk: validated, idempotent, allocated at once; and what became of them. */
@Module({
  imports: [LifecycleModule, CatalogModule, AllocationModule],
  controllers: [IntakeController, SentLeadsController],
  providers: [IntakeService, SentLeadsService, SentLeadsRepository, LeadCsvImporter, LeadImportsRepository, LeadImportsService],
  exports: [IntakeService, LeadCsvImporter, LeadImportsService],
})
export class IntakeModule {}
