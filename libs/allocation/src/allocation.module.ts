import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LeadsModule } from '@leadgate/leads';
import { NotificationsModule } from '@leadgate/notifications';
import { AllocationDecision } from './allocation-decision.entity';
import { AllocationHistoryService } from './allocation-history.service';
import { AllocationController } from './allocation.controller';
import { AllocationService } from './allocation.service';
import { Assignment } from './assignment.entity';

@Module({
  imports: [LeadsModule, NotificationsModule, TypeOrmModule.forFeature([AllocationDecision, Assignment])],
  controllers: [AllocationController],
  providers: [AllocationService, AllocationHistoryService],
  exports: [AllocationService, AllocationHistoryService, TypeOrmModule],
})
export class AllocationModule {}
