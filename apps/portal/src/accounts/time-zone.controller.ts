import { Body, Controller, Get, NotFoundException, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { USER_ROLES } from '@leadgate/common';
import { UsersService } from '@leadgate/users';

const CHOOSE = 'Choose a time zone from the list, such as "Europe/Berlin" (or none for the default).';

export class SetTimeZoneDto {
  @ApiProperty({ type: String, nullable: true, example: 'Europe/Berlin', description: 'An IANA zone; null or empty for the default' })
  @IsOptional() @IsString({ message: CHOOSE }) @MaxLength(64, { message: CHOOSE })
  timeZone?: string | null;
}

export class TimeZoneDto {
  @ApiProperty({ type: String, nullable: true, description: 'The zone you chose; null when you use the default' }) chosen: string | null;
  @ApiProperty({ description: 'The zone your pages and emails use: yours, else your partner’s, else UTC' }) effective: string;
}

/** A signed-in user's own time zone: every page and email shows instants in it. */
@ApiTags('users')
@Controller('api/v1/users/me/time-zone')
@Authorize(...USER_ROLES)
@ApiNotFoundResponse({ description: 'An API token has no time zone of its own: only a signed-in user has one' })
export class TimeZoneController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Your time zone (chosen and in effect)' })
  @ApiOkResponse({ type: TimeZoneDto })
  get(@CurrentPrincipal() principal: Principal): Promise<TimeZoneDto> {
    return this.users.timeZone(userOf(principal));
  }

  @Put()
  @ApiOperation({ summary: 'Set your time zone (an IANA name), or null to use the default: your partner’s zone, or UTC for vendor staff' })
  @ApiOkResponse({ type: TimeZoneDto })
  @ApiBadRequestResponse({ description: 'Not a time zone of the list' })
  set(@Body() dto: SetTimeZoneDto, @CurrentPrincipal() principal: Principal): Promise<TimeZoneDto> {
    return this.users.setTimeZone(userOf(principal), dto.timeZone);
  }
}

/** An API token is nobody: it has no time zone of its own. */
function userOf(principal: Principal): string {
  if (principal.kind !== 'user') throw new NotFoundException('Only a signed-in user has a time zone');
  return principal.id;
}
