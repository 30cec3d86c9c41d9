import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { SessionMiddleware } from '@leadgate/auth';
import { AppConfig } from '@leadgate/config';
import { createValidationPipe, HttpExceptionFilter } from '@leadgate/common';
import { configureBodyParsing } from './body-parsing';
import { setUpOpenApi } from './openapi';
import { configureViews } from './pages/views';
import { enableGracefulShutdown } from './shutdown';
import { trustProxies } from './trust-proxy';

/** Everything main.ts and the test app factory both apply, so tests run the app as it ships. */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  app.useLogger(app.get(Logger));
  trustProxies(express, app.get(AppConfig));
  app.use(helmet());
  app.use(app.get(SessionMiddleware).handler());
  configureViews(express);
  configureBodyParsing(express);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  enableGracefulShutdown(app, app.get(AppConfig).env.SHUTDOWN_DRAIN_SECONDS);
  setUpOpenApi(app);
  return app;
}
