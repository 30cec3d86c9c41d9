import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { Authorize, CurrentPrincipal, Principal, StaffUserDto, StaffUsersService } from '@leadgate/auth';

@ApiTags('users')
@Controller('api/v1/users')
@Authorize('admin')
export class StaffUsersController {
  constructor(private readonly staff: StaffUsersService) {}

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
