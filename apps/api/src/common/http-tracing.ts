import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

/**
 * One server span per request when traces are on (libs/security/src/tracing.ts), named by the
 * method and the route template (`POST /api/v1/cases/:caseId/identification`), never the URL:
 * ids in paths are case UUIDs, but a query string or a mistyped path may hold anything. The span
 * is the active context while the request is handled, so the Temporal client's spans (and
 * through them the workflow's and the activities') join its trace. Registered after the body
 * parser, whose stream callbacks would lose the context.
 */
export function httpTracing(tracer: Tracer) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const span = tracer.startSpan(req.method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method },
    });
    res.once('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      if (typeof route === 'string') {
        const template = `${req.baseUrl}${route}`;
        span.updateName(`${req.method} ${template}`);
        span.setAttribute('http.route', template);
      }
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), next);
  };
}
