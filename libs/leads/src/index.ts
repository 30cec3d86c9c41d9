export { AssignmentDto, LeadDetailDto } from './dto/lead-detail.dto';
export { LeadResponseDto, ListedLeadDto, toLeadResponse } from './dto/lead-response.dto';
export { LeadsQuery } from './dto/leads-query.dto';
export { LeftLeadDto } from './dto/left-lead.dto';
export { leadReadScopeOf } from './lead-read-scope';
export { LeadsQueryService } from './leads-query.service';
export { LeadsModule } from './leads.module';
export { LeadChangesPageDto } from './dto/lead-changes.dto';
