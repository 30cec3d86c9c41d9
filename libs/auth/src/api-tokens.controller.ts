import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { ApiToken } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';
import { Authorize, CurrentPrincipal } from './authorize.decorator';
import { ApiTokenDto, CreatedApiTokenDto } from './dto/api-token.dto';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { actorOf, Principal } from './principal';

@ApiTags('api-tokens')
@Controller('api/v1/api-tokens')
@Authorize('admin', 'partner_admin')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'List API tokens (secrets are never shown again)', description: 'Partner admins see their own partner’s tokens only.' })
  @ApiOkResponse({ type: [ApiTokenDto] })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiToken[]> {
    return this.tokens.list(principal);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an API token; the response holds its secret, shown this once',
    description: 'Partner admins create partner_rep or partner_admin tokens for their own partner (e.g. for their CRM); partnerId may be left out.',
  })
  @ApiCreatedResponse({ type: CreatedApiTokenDto })
  async create(@Body() dto: CreateApiTokenDto, @CurrentPrincipal() principal: Principal): Promise<ApiToken & { secret: string }> {
    const { token, secret } = await this.tokens.create({ ...dto, createdBy: actorOf(principal) }, principal);
    return { ...token, secret };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API token', description: 'Partner admins revoke their own partner’s tokens; another partner’s is a 404.' })
  @ApiOkResponse({ type: ApiTokenDto })
  revoke(@Param('id', UuidParam('API token')) id: string, @CurrentPrincipal() principal: Principal): Promise<ApiToken> {
    return this.tokens.revoke(id, principal);
  }
}
