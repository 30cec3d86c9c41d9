import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { ApiToken } from './api-tokens.repository';
import { ApiTokensService } from './api-tokens.service';
import { Authorize, CurrentPrincipal } from './authorize.decorator';
import { CreateApiTokenDto } from './dto/create-api-token.dto';
import { actorOf, Principal } from './principal';

@ApiTags('api-tokens')
@Controller('api/v1/api-tokens')
@Authorize('admin')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @ApiOperation({ summary: 'List API tokens (secrets are never shown again)' })
  list(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an API token; the response holds its secret, shown this once' })
  async create(@Body() dto: CreateApiTokenDto, @CurrentPrincipal() principal: Principal): Promise<ApiToken & { secret: string }> {
    const { token, secret } = await this.tokens.create({ ...dto, createdBy: actorOf(principal) });
    return { ...token, secret };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API token' })
  revoke(@Param('id', UuidParam('API token')) id: string): Promise<ApiToken> {
    return this.tokens.revoke(id);
  }
}
