import { HttpStatus, type INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ProblemBody } from './problem';

/** The HTCDS Excel template upload (POST /htcds/import): its media type and largest size. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_TEMPLATE_BYTES = 2 * 1024 * 1024;

/** The largest request body the API reads; commands are a few kilobytes. */
export const MAX_BODY_BYTES = 100 * 1024;

const TYPE_BASE = 'https://ariadne.invalid/problems/';

/** Writes a problem from Express middleware, outside Nest's exception filters. */
export function sendProblem(res: Response, body: ProblemBody): void {
  res.status(body.status).type('application/problem+json').json(body);
}

/** The problem for an error of body-parser, with fixed words: never any of the body (P1). */
export function bodyProblem(err: {
  type?: unknown;
  status?: unknown;
  limit?: unknown;
}): ProblemBody {
  switch (err.type) {
    case 'entity.too.large':
      return {
        type: `${TYPE_BASE}body-too-large`,
        title: 'The request body is too large',
        status: HttpStatus.PAYLOAD_TOO_LARGE,
        detail:
          typeof err.limit === 'number' && err.limit !== MAX_BODY_BYTES
            ? `A file may have at most ${err.limit} bytes.`
            : `A request body may have at most ${MAX_BODY_BYTES} bytes.`,
      };
    case 'entity.parse.failed':
      return {
        type: `${TYPE_BASE}invalid-json`,
        title: 'The request body is not valid JSON',
        status: HttpStatus.BAD_REQUEST,
      };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        type: `${TYPE_BASE}unsupported-media-type`,
        title: 'Send the body as UTF-8 JSON',
        status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      };
    default: {
      const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500;
      return {
        type: `${TYPE_BASE}invalid-request`,
        title: 'The request body could not be read',
        status: status ? (err.status as number) : HttpStatus.BAD_REQUEST,
      };
    }
  }
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * JSON bodies only, at most MAX_BODY_BYTES, with every failure a fixed problem+json (413, 400,
 * 415) instead of an error page that could quote the body. Replaces Nest's own parsers
 * (create the app with `bodyParser: false`).
 */
export function applyBodyParsing(app: INestApplication): void {
  // The one file upload: the HTCDS Excel template, as the raw body of its own route (issue 10).
  app.use(
    express.raw({
      limit: MAX_TEMPLATE_BYTES,
      type: (req) =>
        (req.headers['content-type'] ?? '').split(';')[0]?.trim() === XLSX_TYPE &&
        /\/htcds\/import$/.test((req as Request).path),
    }),
  );
  app.use(
    express.json({
      limit: MAX_BODY_BYTES,
      strict: true,
      type: ['application/json', 'application/*+json'],
    }),
  );
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (typeof err !== 'object' || err === null || !('type' in err || 'status' in err)) {
      return next(err);
    }
    return sendProblem(res, bodyProblem(err as { type?: unknown; status?: unknown }));
  });
  // A body the API would not read is refused, not silently dropped.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.body === undefined && hasBody(req)) {
      return sendProblem(res, {
        type: `${TYPE_BASE}unsupported-media-type`,
        title: 'Send the body as application/json',
        status: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      });
    }
    return next();
  });
}
