import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { Authorize } from '@leadgate/auth';
import { CampaignDto, CampaignPageDto } from './dto/campaign.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { ListCampaignsQuery } from './dto/list-campaigns.query';
import { UpdateCampaignDto } from './dto/update-campaign.dto';
import { CampaignsService } from './campaigns.service';

@ApiTags('campaigns')
@Controller('api/v1/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  // Intake tokens may list, so a marketing system can discover the campaign keys it should send.
  @Authorize('admin', 'channel_manager', 'intake')
  @ApiOperation({ summary: 'List campaigns, by key' })
  @ApiOkResponse({ type: CampaignPageDto })
  list(@Query() query: ListCampaignsQuery): Promise<CampaignPageDto> {
    return this.campaigns.list(query);
  }

  @Get(':id')
  @Authorize('admin', 'channel_manager')
  @ApiOperation({ summary: 'One campaign' })
  @ApiOkResponse({ type: CampaignDto })
  get(@Param('id', UuidParam('Campaign')) id: string): Promise<CampaignDto> {
    return this.campaigns.get(id);
  }

  @Post()
  @Authorize('admin')
  @ApiOperation({ summary: 'Create a campaign' })
  @ApiCreatedResponse({ type: CampaignDto })
  create(@Body() dto: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(dto);
  }

  @Patch(':id')
  @Authorize('admin')
  @ApiOperation({ summary: 'Change a campaign (not its key)' })
  @ApiOkResponse({ type: CampaignDto })
  update(@Param('id', UuidParam('Campaign')) id: string, @Body() dto: UpdateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.update(id, dto);
  }
}
