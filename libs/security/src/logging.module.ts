import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { APP_CONFIG, type AppConfig, ConfigModule } from '@ariadne/config';
import { redactPaths } from './redaction';

/**
 * Structured JSON logs. Request logs carry method, path, status and timing only: no bodies, no
 * query strings, no credentials; fields named like personal data are removed wherever they
 * appear, so that personal data cannot reach a log line (P1). LOG_FILE sends logs to a file.
 */
@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        pinoHttp: {
          level: c.LOG_LEVEL,
          redact: { paths: ['req.headers', 'res.headers', ...redactPaths], remove: true },
          ...(c.LOG_FILE && { stream: pino.destination({ dest: c.LOG_FILE, sync: true }) }),
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
