import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { Authorize, ChangeStaffRoleDto, CurrentPrincipal, InviteStaffDto, Principal, StaffUserDto, StaffUsersService } from '@leadgate/auth';

@ApiTags('users')
@Controller('api/v1/users')
@Authorize('admin')
export class StaffUsersController {
  constructor(private readonly staff: StaffUsersService) {}

  @Post()
  @ApiOperation({ summary: 'Invite an admin or channel manager: created without a password and emailed a one-time link to set it' })
  @ApiCreatedResponse({ type: StaffUserDto })
  @ApiConflictResponse({ description: 'The address is already in use' })
  invite(@Body() dto: InviteStaffDto, @CurrentPrincipal() principal: Principal): Promise<StaffUserDto> {
    return this.staff.invite(dto, principal);
  }

  @Post(':id/invitation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send an admin or channel manager who has not set a password a new invitation link' })
  @ApiOkResponse({ type: StaffUserDto })
  @ApiNotFoundResponse({ description: 'No such admin or channel manager' })
  @ApiConflictResponse({ description: 'Deactivated, or the password is already set' })
  reinvite(@Param('id', UuidParam('User')) id: string, @CurrentPrincipal() principal: Principal): Promise<StaffUserDto> {
    return this.staff.reinvite(id, principal);
  }

  @Post(':id/role')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make an admin a channel manager or the other way round' })
  @ApiOkResponse({ type: StaffUserDto })
  @ApiNotFoundResponse({ description: 'No such admin or channel manager' })
  @ApiConflictResponse({ description: 'Your own account, or a channel manager who still manages partners' })
  changeRole(@Param('id', UuidParam('User')) id: string, @Body() dto: ChangeStaffRoleDto, @CurrentPrincipal() principal: Principal): Promise<StaffUserDto> {
    return this.staff.changeRole(id, dto, principal);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate an admin or channel manager: signed out everywhere, unable to sign in, the API tokens they created revoked' })
  @ApiOkResponse({ type: StaffUserDto })
  @ApiNotFoundResponse({ description: 'No such admin or channel manager (partner users are deactivated under their partner)' })
  @ApiConflictResponse({ description: 'Your own account' })
  deactivate(@Param('id', UuidParam('User')) id: string, @CurrentPrincipal() principal: Principal): Promise<StaffUserDto> {
    return this.staff.deactivate(id, principal);
  }
}
