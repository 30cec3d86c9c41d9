export * from './user.entity';
export * from './users.module';
