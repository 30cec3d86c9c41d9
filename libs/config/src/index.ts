export { AppConfig } from './app-config';
export { ConfigModule } from './config.module';
export { ConfigurationError, validateEnvironment } from './environment';
