import { Module } from '@nestjs/common';
import { AllocationModule } from '@leadgate/allocation';
import { CatalogModule } from '@leadgate/catalog';
import { LifecycleModule } from '@leadgate/lifecycle';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

/** Taking leads in over the API, the CSV import and bulk: validated, idempotent, allocated at once. */
@Module({
  imports: [LifecycleModule, CatalogModule, AllocationModule],
  controllers: [IntakeController],
  providers: [IntakeService],
  exports: [IntakeService],
})
export class IntakeModule {}
