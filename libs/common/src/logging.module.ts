import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@leadgate/config';

const REQUEST_ID_HEADER = 'x-request-id';

/** JSON logs in production, readable ones in development; every request line carries its request id. */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.env.LOG_LEVEL,
              transport: config.logFormat === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } } : undefined,
              genReqId: (req: IncomingMessage, res: ServerResponse) => {
                const given = req.headers[REQUEST_ID_HEADER];
                const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
                res.setHeader(REQUEST_ID_HEADER, id);
                return id;
              },
              redact: ['req.headers.authorization', 'req.headers.cookie'],
              autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
            },
          }),
        }),
      ],
    };
  }
}

/**
 * Runs `work` with only warnings and errors logged (when the pino logger is in use): for replaying
 * history, such as the demo's 90 days, whose hundreds of info lines would bury what comes after.
 */
export async function withQuietLogs<T>(work: () => Promise<T>): Promise<T> {
  if (!PinoLogger.root) return work();
  // Lines buffered during start-up would be replayed later, past the level set here: write them now.
  Logger.flush();
  // Outside a request every PinoLogger writes through one shared pino instance, which this reaches.
  const shared = new PinoLogger({}).logger;
  const level = shared.level;
  if (shared.levels.values[level] >= shared.levels.values.warn) return work();
  shared.level = 'warn';
  try {
    return await work();
  } finally {
    shared.level = level;
  }
}
