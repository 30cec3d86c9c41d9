import { Module } from '@nestjs/common';
import { AuditModule } from '@leadgate/audit';
import { AuditController } from './audit.controller';

/** `GET /api/v1/audit` (the trail itself is @leadgate/audit; this app wires its route, as auth guards it). */
@Module({ imports: [AuditModule], controllers: [AuditController] })
export class AuditApiModule {}
