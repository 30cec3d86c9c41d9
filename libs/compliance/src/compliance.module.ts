import { Module } from '@nestjs/common';
import { LifecycleModule } from '@leadgate/lifecycle';
import { NotificationsModule } from '@leadgate/notifications';
import { ChannelDigestRepository } from './channel-digest.repository';
import { ChannelDigestService } from './channel-digest.service';
import { ComplianceController } from './compliance.controller';
import { ChannelPartnersRepository } from './channel-partners.repository';
import { ComplianceRepository } from './compliance.repository';
import { ComplianceService } from './compliance.service';
import { PartnerScorecardService } from './partner-scorecard.service';
import { SlaSweepService } from './sla-sweep.service';
import { TeamClocksRepository } from './team-clocks.repository';
import { TeamFiguresService } from './team-figures.service';

/**
 * SLA sweeps, compliance scores, standings and overrides, and the emails that report on them (weekly
 * scorecard, daily channel digest). Re-allocating recalled leads is the jobs library's part.
 */
@Module({
  imports: [LifecycleModule, NotificationsModule],
  controllers: [ComplianceController],
  providers: [ComplianceRepository, ChannelPartnersRepository, ComplianceService, SlaSweepService, ChannelDigestRepository, ChannelDigestService, PartnerScorecardService, TeamClocksRepository, TeamFiguresService],
  exports: [ComplianceRepository, ComplianceService, SlaSweepService, ChannelDigestService, PartnerScorecardService, TeamFiguresService],
})
export class ComplianceModule {}
