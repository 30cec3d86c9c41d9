import { Body, Controller, Get, NotFoundException, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { AwayDates, UsersService } from '@leadgate/users';

export class AwayDatesDto {
  @ApiProperty({ type: String, nullable: true, example: '2026-08-03', description: 'First day away (the partner’s calendar day); null or empty with until: not away' })
  @IsOptional() @IsString({ message: 'Give the first day away as a date (YYYY-MM-DD).' }) @MaxLength(10, { message: 'Give the first day away as a date (YYYY-MM-DD).' })
  from?: string | null;

  @ApiProperty({ type: String, nullable: true, example: '2026-08-14', description: 'Last day away, inclusive' })
  @IsOptional() @IsString({ message: 'Give the last day away as a date (YYYY-MM-DD).' }) @MaxLength(10, { message: 'Give the last day away as a date (YYYY-MM-DD).' })
  until?: string | null;
}

/** A partner user's own away dates: round-robin routing gives them no new leads on those days. */
@ApiTags('users')
@Controller('api/v1/users/me/away')
@Authorize('partner_admin', 'partner_rep')
export class AwayController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Your away dates' })
  @ApiOkResponse({ type: AwayDatesDto })
  get(@CurrentPrincipal() principal: Principal): Promise<AwayDates> {
    return this.users.awayDates(userOf(principal));
  }

  @Put()
  @ApiOperation({ summary: 'Set (or clear, with nulls) your away dates; round-robin routing skips you on those days' })
  @ApiOkResponse({ type: AwayDatesDto })
  @ApiBadRequestResponse({ description: 'Not dates, only one of them, or a range that ends before it starts' })
  set(@Body() dto: AwayDatesDto, @CurrentPrincipal() principal: Principal): Promise<AwayDates> {
    return this.users.setAwayDates(userOf(principal), dto);
  }
}

/** An API token is nobody: it has no away dates. */
function userOf(principal: Principal): string {
  if (principal.kind !== 'user') throw new NotFoundException('Only a signed-in user has away dates');
  return principal.id;
}
