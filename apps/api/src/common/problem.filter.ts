import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { type ProblemBody, ProblemException } from './problem';

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
    res.status(body.status).type('application/problem+json').json(body);
  }

  private toProblem(exception: unknown): ProblemBody {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        type: 'about:blank',
        title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase() ?? 'error',
        status,
        detail: exception.message,
      };
    }
    const name = exception instanceof Error ? exception.name : typeof exception;
    this.logger.error(
      `Unhandled ${name}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return { type: 'about:blank', title: 'internal error', status: 500 };
  }
}
