import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { IsLaterThan, TIME_OF_DAY_PATTERN } from '@leadgate/common';
import type { BusinessHoursWindow } from '../partners.repository';

export class BusinessHoursDto implements BusinessHoursWindow {
  @ApiProperty({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday', example: 1 })
  @IsInt() @Min(1) @Max(7)
  day: number;

  @ApiProperty({ example: '09:00', description: 'HH:mm in the partner timezone' })
  @Matches(TIME_OF_DAY_PATTERN, { message: 'start must be a time as HH:mm (00:00 to 23:59)' })
  start: string;

  @ApiProperty({ example: '17:00', description: 'HH:mm in the partner timezone, later than start' })
  @Matches(TIME_OF_DAY_PATTERN, { message: 'end must be a time as HH:mm (00:00 to 23:59)' })
  @IsLaterThan('start')
  end: string;
}
