import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { Authorize, CurrentPrincipal, InviteUserDto, PartnerUserDto, PartnerUsersService, Principal } from '@leadgate/auth';

@ApiTags('partners')
@Controller('api/v1/partners/:id/users')
export class PartnerUsersController {
  constructor(private readonly users: PartnerUsersService) {}

  @Get()
  @Authorize('admin', 'partner_admin')
  @ApiOperation({ summary: "A partner's users" })
  @ApiOkResponse({ type: [PartnerUserDto] })
  @ApiNotFoundResponse({ description: 'Unknown partner, or another partner than the caller' })
  list(@Param('id', UuidParam('Partner')) partnerId: string, @CurrentPrincipal() principal: Principal): Promise<PartnerUserDto[]> {
    return this.users.list(partnerId, principal);
  }

  @Post()
  @Authorize('admin', 'partner_admin')
  @ApiOperation({ summary: 'Invite a user: created without a password and emailed a one-time link to set it' })
  @ApiCreatedResponse({ type: PartnerUserDto })
  @ApiNotFoundResponse({ description: 'Unknown partner, or another partner than the caller' })
  invite(@Param('id', UuidParam('Partner')) partnerId: string, @Body() dto: InviteUserDto, @CurrentPrincipal() principal: Principal): Promise<PartnerUserDto> {
    return this.users.invite(partnerId, dto, principal);
  }

  @Post(':userId/deactivate')
  @HttpCode(200)
  @Authorize('admin', 'partner_admin')
  @ApiOperation({ summary: 'Deactivate a user: signed out everywhere and unable to sign in' })
  @ApiOkResponse({ type: PartnerUserDto })
  @ApiNotFoundResponse({ description: 'Unknown partner or user, or another partner than the caller' })
  deactivate(
    @Param('id', UuidParam('Partner')) partnerId: string,
    @Param('userId', UuidParam('User')) userId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PartnerUserDto> {
    return this.users.deactivate(partnerId, userId, principal);
  }
}
