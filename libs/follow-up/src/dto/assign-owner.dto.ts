import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsUUID, ValidateIf } from 'class-validator';

export const MAX_LEADS_PER_ASSIGNMENT = 200;

/** Gives one or many of the partner's leads to one of its active users, or takes their owner away (null). */
export class AssignOwnerDto {
  @ApiProperty({ type: [String], format: 'uuid', description: `The partner’s leads (1 to ${MAX_LEADS_PER_ASSIGNMENT})` })
  @IsArray({ message: 'Choose at least one lead.' })
  @ArrayMinSize(1, { message: 'Choose at least one lead.' })
  @ArrayMaxSize(MAX_LEADS_PER_ASSIGNMENT, { message: `Choose at most ${MAX_LEADS_PER_ASSIGNMENT} leads at once.` })
  @ArrayUnique({ message: 'Each lead only once.' })
  @IsUUID('all', { each: true, message: 'Each lead must be a lead id.' })
  leadIds: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'An active user of the same partner; null leaves the leads unowned' })
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'Choose a user of your team, or no owner.' })
  userId: string | null;
}

export class OwnerAssignedDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The leads whose owner changed (those that had another owner)' }) changed: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
}
