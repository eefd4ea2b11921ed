import {
  applyDecorators,
  Controller,
  createParamDecorator,
  type ExecutionContext,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Actor, CarriedOverFrom } from '@ariadne/domain';
import type { CaseSummaryEntity } from '@ariadne/persistence';
import { type CaseId, parseCaseId } from '../../access';
import { casePrefetchOf } from '../../access/case-prefetch';
import { Audited } from '../../audit';
import { type AuthenticatedRequest, Roles } from '../../auth';
import { problem } from '../../common/problem';
import { CaseSummaryDto, ProblemDto } from '../cases.dto';
import { CaseETagInterceptor } from '../etag.interceptor';
import { occurredAtOfBody } from './occurred.dto';
import { type RequestContext, requestContext } from '../request-context';
import {
  COMMAND_ROUTES,
  nestRoutePath,
  pathParameters,
  type PersonCommandType,
  type RouteGroup,
} from './command-routes';

/** Who sends a command to which case, with the request's If-Match and Idempotency-Key. */
export interface CommandTarget {
  readonly actor: Actor;
  readonly caseId: CaseId;
  readonly ctx: RequestContext;
  /**
   * The body's `occurredAt` (issue 10), validated by the route's DTO, which declares it only for
   * commands that record something that happened; the service adds it to such commands.
   */
  readonly occurredAt?: string;
  /**
   * R26a: set only by the HTCDS import service (htcds.service.ts), never by `@Target()`: the
   * command carries over a fact from the organisation's previous records.
   */
  readonly carriedOver?: CarriedOverFrom;
  /** Issue 11: the case's read, started by the AuthGuard (access/case-prefetch.ts). */
  readonly prefetched?: Promise<CaseSummaryEntity | null>;
}

/**
 * The target of a command route: the authenticated actor, the :caseId (parsed by the one parser:
 * 404 unless it is a case id at all, exactly as for a missing case) and the request context (400 on a bad header).
 */
export const Target = createParamDecorator((_: unknown, ec: ExecutionContext): CommandTarget => {
  const req = ec.switchToHttp().getRequest<AuthenticatedRequest>();
  const actor = req.actor;
  if (!actor) throw new Error('@Target() used on a route without authentication');
  const occurredAt = occurredAtOfBody(req.body);
  const caseId = parseCaseId(req.params['caseId']);
  const prefetched = casePrefetchOf(req, caseId);
  return {
    actor,
    caseId,
    ctx: requestContext(req),
    ...(occurredAt !== undefined && { occurredAt }),
    ...(prefetched && { prefetched }),
  };
});

/** Ids the case gives its own records (`service-1`, `consent-2`, `referral-1`): opaque (P1). */
export function RecordId(name: 'serviceId' | 'consentId' | 'referralId'): ParameterDecorator {
  const prefix = name.replace(/Id$/, '');
  const pattern = new RegExp(`^${prefix}-[1-9][0-9]{0,8}$`);
  return Param(name, {
    transform: (value: unknown) => {
      if (typeof value === 'string' && pattern.test(value)) return value;
      throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
        detail: `${name}: must be an id such as "${prefix}-1"`,
        errors: [{ field: name, message: `must be an id such as "${prefix}-1"` }],
      });
    },
  });
}

const IF_MATCH = 'The case version you saw ("3"); a command on a changed case is refused (412).';
const IDEMPOTENCY =
  '8–128 letters, digits, _ or -: a retried request with the same key is applied once.';

/**
 * A command route: POST /cases/{caseId}/<path of COMMAND_ROUTES>, answering 200 with the case
 * summary and its ETag. Documents the command in OpenAPI and records it in the audit trail (P5).
 */
export function CommandRoute(type: PersonCommandType): MethodDecorator {
  const r = COMMAND_ROUTES[type];
  const who = r.supervisorOnly
    ? " Decided by a supervisor of the case's organisation; anyone else gets 403 naming the rule."
    : '';
  const hers = r.herDecision
    ? ' Recorded as her decision: `communication` carries the language she used and whether an interpreter was used.'
    : '';
  return applyDecorators(
    Post(nestRoutePath(type)),
    HttpCode(HttpStatus.OK),
    ApiOperation({
      operationId: type,
      summary: `${r.summary} (${r.rule})`,
      description: `Command \`${type}\`, rule ${r.rule} (docs/rules.md).${who}${hers}`,
    }),
    ApiParam({ name: 'caseId', format: 'uuid', description: 'The pseudonymous case id' }),
    ...pathParameters(type).map((name) => {
      const prefix = name.replace(/Id$/, '');
      return ApiParam({
        name,
        example: `${prefix}-1`,
        description: `An id the case gave its ${prefix}`,
      });
    }),
    ApiHeader({ name: 'If-Match', required: false, description: IF_MATCH }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: IDEMPOTENCY }),
    ApiOkResponse({
      type: CaseSummaryDto,
      description: 'The case after the command',
      headers: { ETag: { description: 'The new case version', schema: { type: 'string' } } },
    }),
    ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid body: `errors` names fields' }),
    ApiNotFoundResponse({
      type: ProblemDto,
      description: 'No such case, or not yours to see (P3)',
    }),
    ApiConflictResponse({
      type: ProblemDto,
      description: "The case's state refuses it now: `rule`",
    }),
    ApiUnprocessableEntityResponse({
      type: ProblemDto,
      description: 'The command can never be accepted as sent: `rule`',
    }),
    ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match is stale' }),
    ...(r.supervisorOnly
      ? [ApiForbiddenResponse({ type: ProblemDto, description: `Not a supervisor: ${r.rule}` })]
      : []),
    Audited({ action: 'case.command', categories: ['case', ...r.categories] }),
  );
}

/** The class decorators of a phase's command controller, below /api/v1/cases. */
export function CommandController(group: RouteGroup): ClassDecorator {
  return applyDecorators(
    ApiTags(`case commands: ${group}`),
    ApiBearerAuth(),
    Roles('caseworker', 'supervisor'),
    UseInterceptors(CaseETagInterceptor),
    Controller({ path: 'cases', version: '1' }),
  );
}
