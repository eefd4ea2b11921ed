import type { INestApplication } from '@nestjs/common';
import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '@ariadne/config';
import { isWebPath } from '../web/web';

/** Where SwaggerUI is served (bootstrap.ts); the only pages that run scripts. */
export const DOCS_PATH = '/api/docs';

export function isDocsPath(path: string): boolean {
  return path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
}

const common = {
  referrerPolicy: { policy: 'no-referrer' as const },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  crossOriginResourcePolicy: { policy: 'same-origin' as const },
  crossOriginOpenerPolicy: { policy: 'same-origin' as const },
  xFrameOptions: { action: 'deny' as const },
};

/** JSON only: a response of the API may load nothing, run nothing and be framed nowhere. */
export const apiHeaders: RequestHandler = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    },
  },
});

/**
 * SwaggerUI: its own scripts, styles (some inline) and images, and the OpenAPI document from
 * the same origin; nothing from elsewhere.
 */
export const docsHeaders: RequestHandler = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    },
  },
});

/**
 * The staff web application (apps/web, ADR 0007): scripts only from this origin, never inline;
 * styles may be inline because the component kit (Mantine) writes its CSS variables into a
 * <style> element and style props into style attributes, which a nonce cannot cover.
 */
export const webHeaders: RequestHandler = helmet({
  ...common,
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
});

/** The exact origins of ARIADNE_CORS_ORIGINS; none when it is unset. */
export function corsOrigins(config: Pick<AppConfig, 'ARIADNE_CORS_ORIGINS'>): string[] {
  return (config.ARIADNE_CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
}

/**
 * CORS for exactly the configured origins: bearer tokens in a header, no cookies, and the
 * headers a client of this API reads (ETag, Location) or sends (If-Match, Idempotency-Key).
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'Idempotency-Key'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'WWW-Authenticate'],
    credentials: false,
    maxAge: 600,
  };
}

/**
 * Security headers on every response (helmet; a strict CSP except for the API docs), no
 * caching of responses that may carry case data, and CORS closed unless origins are configured.
 * Call before any route is registered (before SwaggerModule.setup).
 */
export function applyHttpSecurity(
  app: INestApplication,
  config: Pick<AppConfig, 'ARIADNE_CORS_ORIGINS'>,
): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (isDocsPath(req.path)) return docsHeaders(req, res, next);
    // A handler may still set its own Cache-Control; the default is never to store.
    res.setHeader('Cache-Control', 'no-store');
    return (isWebPath(req.path) ? webHeaders : apiHeaders)(req, res, next);
  });
  const origins = corsOrigins(config);
  if (origins.length > 0) app.enableCors(corsOptions(origins));
}
