import { IsIn, IsOptional } from 'class-validator';
import { LeadsQuery } from '@leadgate/leads';
import { DONE_MESSAGES } from './lead-view';

/** The inbox's address: the API's lead filters, plus the message of the action that led here. */
export class InboxQuery extends LeadsQuery {
  @IsOptional() @IsIn(Object.keys(DONE_MESSAGES))
  done?: string;
}
