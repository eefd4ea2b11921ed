import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import { etag } from './request-context';

/** Every answer that carries a case version carries it as its ETag too (for If-Match). */
@Injectable()
export class CaseETagInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        const version = (body as { version?: unknown } | null | undefined)?.version;
        if (typeof version === 'number') {
          ctx.switchToHttp().getResponse<Response>().setHeader('ETag', etag(version));
        }
        return body;
      }),
    );
  }
}
