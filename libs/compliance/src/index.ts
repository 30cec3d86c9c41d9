export * from './policy';
export * from './compliance.config';
export * from './compliance.module';
export * from './compliance.service';
export * from './sla-sweep.service';
export * from './dto/partner-compliance.dto';
export * from './dto/set-override.dto';
export * from './dto/standing-override.dto';
