import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { CatalogModule } from '@leadgate/catalog';
import { LeadsModule } from '@leadgate/leads';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

/** Taking leads in over the API, the CSV import and bulk: validated, idempotent, allocated at once. */
@Module({
  imports: [LeadsModule, CatalogModule, AllocationModule],
  controllers: [IntakeController],
  providers: [IntakeService],
  exports: [IntakeService],
})
export class IntakeModule {}
