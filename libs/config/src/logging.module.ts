import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, ConfigModule } from './config.module';
import type { AppConfig } from './config';

/**
 * Structured JSON logs. Request logs carry method, path, status and timing only: no bodies, no
 * query strings, no credentials, so that personal data cannot reach a log line (P1).
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        pinoHttp: {
          level: c.LOG_LEVEL,
          redact: { paths: ['req.headers', 'res.headers'], remove: true },
          serializers: {
            req: (req: { id?: unknown; method?: string; url?: string }) => ({
              id: req.id,
              method: req.method,
              path: (req.url ?? '').split('?')[0],
            }),
            res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
