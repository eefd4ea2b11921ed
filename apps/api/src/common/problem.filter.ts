import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { Response } from 'express';
import { type ProblemBody, ProblemException, problem } from './problem';
import { isDependencyUnavailable, serviceUnavailable } from './unavailable';

/** Any path the API does not serve: the same body whatever was asked. */
export const notFound = (): ProblemBody =>
  problem(HttpStatus.NOT_FOUND, 'not-found', 'No such resource').problem;

/**
 * Every error leaves the API as application/problem+json. Unexpected errors are logged by type
 * only and answered without detail, so nothing internal or personal leaks in an error body.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toProblem(exception);
    if (typeof body.retryAfter === 'number') res.setHeader('Retry-After', String(body.retryAfter));
    res.status(body.status).type('application/problem+json').json(body);
  }

  private toProblem(exception: unknown): ProblemBody {
    if (exception instanceof ProblemException) return exception.problem;
    // The router's own 404 ("Cannot GET /path") would echo the path: a fixed answer instead,
    // for every unknown route (the web application's fallback, if built, answers before this).
    if (exception instanceof NotFoundException) return notFound();
    if (exception instanceof HttpException) {
      // Nest's own exceptions carry no message of ours: the status alone, nothing echoed.
      const status = exception.getStatus();
      return {
        type: 'about:blank',
        title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
        status,
      };
    }
    // PostgreSQL or Temporal away or too slow: the same request later succeeds (never a 500).
    if (isDependencyUnavailable(exception)) return serviceUnavailable().problem;
    const name = exception instanceof Error ? exception.name : typeof exception;
    this.logger.error(
      `Unhandled ${name}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return { type: 'about:blank', title: 'internal error', status: 500 };
  }
}
