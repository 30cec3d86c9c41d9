export { AuditModule } from './audit.module';
export { AUDIT_ENTITIES } from './audit.repository';
export type { AuditEntity, AuditEntry } from './audit.repository';
export { AuditService } from './audit.service';
export type { AuditActor, AuditChange } from './audit.service';
