import { Module } from '@nestjs/common';
import { LifecycleModule } from '@leadgate/lifecycle';
import { NotificationsModule } from '@leadgate/notifications';
import { AllocationHistoryService } from './allocation-history.service';
import { AllocationController } from './allocation.controller';
import { AllocationRepository } from './allocation.repository';
import { AllocationService } from './allocation.service';
import { FairnessDecayService } from './fairness-decay.service';
import { NewLeadAllocator } from './new-lead-allocator';
import { PendingAllocationService } from './pending-allocation.service';

@Module({
  imports: [LifecycleModule, NotificationsModule],
  controllers: [AllocationController],
  providers: [AllocationService, AllocationHistoryService, AllocationRepository, PendingAllocationService, FairnessDecayService, NewLeadAllocator],
  exports: [AllocationService, AllocationHistoryService, PendingAllocationService, FairnessDecayService, NewLeadAllocator],
})
export class AllocationModule {}
