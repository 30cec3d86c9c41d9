import { Injectable } from '@nestjs/common';
import { Clock } from '@leadgate/common';
import { AppConfig } from '@leadgate/config';
import { TeamClocksRepository, TeamMemberFigures } from './team-clocks.repository';

/** The partner admin's view of its team: leads held, deadlines met and missed, median time to first contact. */
@Injectable()
export class TeamFiguresService {
  constructor(
    private readonly figures: TeamClocksRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  forPartner(partnerId: string): Promise<TeamMemberFigures[]> {
    return this.figures.forPartner(partnerId, this.clock.now(), this.config.env.COMPLIANCE_WINDOW_DAYS);
  }
}
