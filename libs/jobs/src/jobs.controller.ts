import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@leadgate/auth';
import { JobsService, JobSummary } from './jobs.service';

@ApiTags('jobs')
@Controller('api/v1/jobs')
@Authorize('admin')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOperation({ summary: 'The background jobs and their schedules (cron, UTC; null: on demand only)' })
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', required: ['name', 'description', 'schedule'], properties: { name: { type: 'string' }, description: { type: 'string' }, schedule: { type: 'string', nullable: true } } } } })
  list(): { name: string; description: string; schedule: string | null }[] {
    return this.jobs.definitions.map(({ name, description, schedule }) => ({ name, description, schedule }));
  }

  @Post(':name/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a background job now, in this process, and return what it did' })
  @ApiOkResponse({
    description: 'The run’s summary, e.g. { job, breachesRecorded, recalled, reallocated, ... }',
    schema: { type: 'object', required: ['job'], properties: { job: { type: 'string' } }, additionalProperties: { type: 'number' } },
  })
  @ApiNotFoundResponse({ description: 'No job by that name' })
  run(@Param('name') name: string): Promise<JobSummary> {
    return this.jobs.runNow(name);
  }
}
