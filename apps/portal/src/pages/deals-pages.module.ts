import { Module } from '@nestjs/common';
import { AuthModule } from '@leadgate/auth';
import { DealsModule } from '@leadgate/deals';
import { PartnersModule } from '@leadgate/partners';
import { DealsPagesController } from './deals-pages.controller';

/** The deal registration pages (kept apart from PagesModule so the feature wires in with one import). */
@Module({ imports: [AuthModule, DealsModule, PartnersModule], controllers: [DealsPagesController] })
export class DealsPagesModule {}
