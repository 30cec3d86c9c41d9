import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config';
import { validateEnvironment } from './environment';

@Global()
@Module({})
export class ConfigModule {
  /** Validates process.env when the app is created; a bad value stops the start with its name. */
  static forRoot(): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useFactory: () => new AppConfig(validateEnvironment(process.env)) }],
      exports: [AppConfig],
    };
  }
}
