import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import { AssignOwnerDto, OwnerAssignedDto } from './dto/assign-owner.dto';
import { OwnersService } from './owners.service';

@ApiTags('follow-up')
@Controller('api/v1/leads/owner')
@Authorize('partner_admin')
export class OwnersController {
  constructor(private readonly owners: OwnersService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign, reassign or remove the owner of one or many of your partner’s leads',
    description: 'All or nothing. The owner must be an active user of your partner. Emails about an owned lead go to its owner (and to your admins unless they turned copies off).',
  })
  @ApiOkResponse({ type: OwnerAssignedDto })
  @ApiNotFoundResponse({ description: 'A lead your partner does not hold, or a user who is not an active user of your partner' })
  assign(@Body() dto: AssignOwnerDto, @CurrentPrincipal() principal: Principal): Promise<OwnerAssignedDto> {
    return this.owners.assign(principal, dto);
  }
}
