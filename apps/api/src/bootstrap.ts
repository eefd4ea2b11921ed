import { type INestApplication, type ModuleMetadata, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { startTracing } from '@ariadne/security';
import { AppModule } from './app.module';
import { applyBodyParsing, sendProblem } from './common/body-parsing';
import { httpTracing } from './common/http-tracing';
import { notFound, ProblemFilter } from './common/problem.filter';
import { SafeInputPipe } from './common/safe-input';
import { validationPipe } from './common/validation';
import { applyHttpSecurity } from './security/http-security';
import { serveWeb } from './web/web';

/**
 * Builds the HTTP application; used by main and by the end-to-end tests alike (which may add
 * modules of their own, e.g. a probe controller).
 */
export async function createApi(
  extraImports: NonNullable<ModuleMetadata['imports']> = [],
): Promise<INestApplication> {
  const root = extraImports.length ? { module: AppModule, imports: extraImports } : AppModule;
  const app = await NestFactory.create(root, {
    bufferLogs: true,
    abortOnError: false,
    bodyParser: false, // applyBodyParsing: JSON only, bounded, fixed problems
  });
  app.useLogger(app.get(Logger));
  applyHttpSecurity(app, app.get<AppConfig>(APP_CONFIG));
  applyBodyParsing(app);
  // Reads the session cookies of the auth routes (refresh token, OIDC sign-in); unsigned: their
  // values are random tokens or encrypted, checked by the auth module itself.
  app.use(cookieParser());
  // OpenTelemetry: a span per request, off without OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT.
  const tracing = startTracing(app.get<AppConfig>(APP_CONFIG), 'ariadne-api');
  if (tracing) app.use(httpTracing(tracing.tracer));
  serveWeb(app); // the staff web application at /, when built (apps/web/dist)
  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'health/live'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(new SafeInputPipe(), validationPipe);
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApiConfig()), {
    jsonDocumentUrl: 'api/openapi.json',
  });
  // Nest answers an unknown path only under the global prefix; anything else that no route, no
  // exclusion and no web file took (e.g. /health/x, /metrics) gets the same fixed 404, not
  // Express's HTML page echoing the path. Added after init, so it runs after every route.
  await app.init();
  app.use((_req: unknown, res: Parameters<typeof sendProblem>[0]) => sendProblem(res, notFound()));
  return app;
}

/** The document's header; shared with the generator of the web client's types (web/openapi-cli). */
export function openApiConfig(): ReturnType<DocumentBuilder['build']> {
  return (
    new DocumentBuilder()
      .setTitle('Ariadne')
      .setDescription('Case workflows for supporting women victims of trafficking')
      .setVersion('1')
      .addBearerAuth()
      // R30: partner systems (docs/adr/0010): a bearer secret per partner, stored hashed.
      .addBearerAuth(
        {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'ptn.<partner id>.<secret>',
          description:
            'A partner system’s secret, issued once when an admin registers it (POST /admin/partners) and kept only as a hash; revoked by an admin.',
        },
        'partner',
      )
      .build()
  );
}
