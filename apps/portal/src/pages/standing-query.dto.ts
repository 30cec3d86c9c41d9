import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';

/** The standing page's address: which page of the counted deadlines (met, missed or both) and of the history. */
export class StandingQuery {
  @IsOptional() @IsIn(['met', 'missed'], { message: 'Show the deadlines met or missed, or leave the filter out for both.' })
  outcome?: 'met' | 'missed';

  @IsOptional() @Type(() => Number) @IsInt({ message: 'The page of deadlines is a whole number from 1.' }) @Min(1, { message: 'The page of deadlines is a whole number from 1.' })
  @Max(100_000, { message: 'There is no such page of deadlines.' })
  deadlinesPage = 1;

  @IsOptional() @Type(() => Number) @IsInt({ message: 'The page of the history is a whole number from 1.' }) @Min(1, { message: 'The page of the history is a whole number from 1.' })
  @Max(100_000, { message: 'There is no such page of the history.' })
  historyPage = 1;
}
