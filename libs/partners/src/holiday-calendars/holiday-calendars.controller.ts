import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@leadgate/common';
import { auditActorOf, Authorize, CurrentPrincipal, Principal } from '@leadgate/auth';
import {
  CreateHolidayCalendarDto, HolidayCalendarDetailDto, HolidayCalendarPageDto, HolidayCalendarQuery, ListHolidayCalendarsQuery, UpdateHolidayCalendarDto,
} from './dto/holiday-calendar.dto';
import { HolidayCalendarsService } from './holiday-calendars.service';

@ApiTags('holiday-calendars')
@Controller('api/v1/holiday-calendars')
@Authorize('admin')
export class HolidayCalendarsController {
  constructor(private readonly calendars: HolidayCalendarsService) {}

  @Get()
  @ApiOperation({ summary: 'Holiday calendars: shared sets of public holidays per country or region, plus custom dates' })
  @ApiOkResponse({ type: HolidayCalendarPageDto })
  list(@Query() query: ListHolidayCalendarsQuery): Promise<HolidayCalendarPageDto> {
    return this.calendars.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One holiday calendar with its days off in a year (generated for that year)' })
  @ApiOkResponse({ type: HolidayCalendarDetailDto })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  get(@Param('id', UuidParam('Holiday calendar')) id: string, @Query() query: HolidayCalendarQuery): Promise<HolidayCalendarDetailDto> {
    return this.calendars.get(id, query.year);
  }

  @Post()
  @ApiOperation({ summary: 'Create a holiday calendar' })
  @ApiCreatedResponse({ type: HolidayCalendarDetailDto })
  @ApiBadRequestResponse({ description: 'Unknown country or region, or a malformed date' })
  create(@Body() dto: CreateHolidayCalendarDto, @CurrentPrincipal() principal: Principal): Promise<HolidayCalendarDetailDto> {
    return this.calendars.create(dto, auditActorOf(principal));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a holiday calendar; its partners count the new days off from their next offer' })
  @ApiOkResponse({ type: HolidayCalendarDetailDto })
  @ApiBadRequestResponse({ description: 'Unknown country or region, or a malformed date' })
  @ApiNotFoundResponse({ description: 'No such calendar' })
  update(
    @Param('id', UuidParam('Holiday calendar')) id: string,
    @Body() dto: UpdateHolidayCalendarDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<HolidayCalendarDetailDto> {
    return this.calendars.update(id, dto, auditActorOf(principal));
  }
}
