import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '@leadgate/auth';
import { IntakeModule } from '@leadgate/intake';
import { PartnersModule } from '@leadgate/partners';
import { WebhooksModule } from '@leadgate/webhooks';
import { CsvUploadMiddleware } from './csv-upload.middleware';
import { IntegrationsPagesController } from './integrations-pages.controller';
import { LeadImportPagesController } from './lead-import-pages.controller';

/** The integration pages: a partner's API tokens, webhook endpoints with their delivery logs, and the admin's lead import. */
@Module({
  imports: [AuthModule, IntakeModule, PartnersModule, WebhooksModule],
  controllers: [IntegrationsPagesController, LeadImportPagesController],
})
export class IntegrationsPagesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CsvUploadMiddleware).forRoutes({ path: 'admin/import', method: RequestMethod.POST });
  }
}
