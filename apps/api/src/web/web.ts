import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import express from 'express';

/** Where `npm run build:web` writes the staff web application (relative to the working dir). */
export const DEFAULT_WEB_DIR = 'apps/web/dist';

/** Paths that belong to the API or to operations; everything else is the web application's. */
export function isWebPath(path: string): boolean {
  return !/^\/(api|health|metrics)(\/|$)/.test(path);
}

/**
 * Whether an unmatched GET is a client-side route of the single-page application (answered with
 * index.html) rather than a missing file or API route (left to the fixed problem+json 404).
 * Files have an extension and live under /assets; routes of the app never do.
 */
export function isAppRoute(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!isWebPath(path) || path.startsWith('/assets/')) return false;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/**
 * Serves the built web application on the same origin as the API: hashed assets cached for a
 * year (their names change with their content), index.html never cached so a deploy is seen at
 * once. Does nothing when the application has not been built (API-only deployments, tests).
 */
export function serveWeb(app: INestApplication, dir = resolve(DEFAULT_WEB_DIR)): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = express.static(dir, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (res, file) => {
      res.setHeader(
        'Cache-Control',
        file.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isWebPath(req.path)) return next();
    if (req.path === '/' || isAppRoute(req.method, req.path)) {
      res.setHeader('Cache-Control', 'no-cache');
      return res.sendFile(index, (err) => (err ? next(err) : undefined));
    }
    return assets(req, res, next);
  });
  return true;
}
