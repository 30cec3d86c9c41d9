import { Module } from '@nestjs/common';
import { DealsRepository } from './deals.repository';

/** Only the registrations' repository: what allocation reads to honour a registered deal's protection. */
@Module({ providers: [DealsRepository], exports: [DealsRepository] })
export class DealProtectionModule {}
