import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from '@leadgate/auth';
import { AppConfig } from '@leadgate/config';
import { PartnersModule } from '@leadgate/partners';
import { HomeController } from './home.controller';
import { LoginController } from './login.controller';

/** The server-rendered browser pages: sign-in and the signed-in start page. */
@Module({
  imports: [
    AuthModule,
    PartnersModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'login', limit: config.env.LOGIN_RATE_LIMIT, ttl: config.env.LOGIN_RATE_WINDOW_SECONDS * 1000 }],
      }),
    }),
  ],
  controllers: [HomeController, LoginController],
})
export class PagesModule {}
