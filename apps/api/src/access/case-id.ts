import { HttpStatus, Injectable, Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { problem } from '../common/problem';

/**
 * A case id, parsed once at the edge: a UUID in lower case. Case ids are random UUIDs, or
 * derived from an Idempotency-Key (version 5); the workflow id, the event store and the read
 * models all hold the lower-case form, so every route normalises to it before any lookup.
 */
export type CaseId = string & { readonly __caseId: unique symbol };

/** What a missing case, and a case the actor may not see, both answer (P3). */
export const caseNotFound = () => problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case');

// Any RFC 4122 layout, any version: upper or lower case on the way in.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one case-id parser. Anything that is not a UUID answers exactly as a missing case (404),
 * so a malformed id tells a caller nothing a well-formed one would not.
 */
export function parseCaseId(value: unknown): CaseId {
  if (typeof value !== 'string' || !UUID.test(value)) throw caseNotFound();
  return value.toLowerCase() as CaseId;
}

/** `@Param('caseId', CaseIdPipe)`: the parser as a Nest pipe. */
@Injectable()
export class CaseIdPipe implements PipeTransform<unknown, CaseId> {
  transform(value: unknown): CaseId {
    return parseCaseId(value);
  }
}

const documented = ApiParam({
  name: 'caseId',
  format: 'uuid',
  description: 'The case id (a UUID, any letter case); anything else answers as a missing case.',
});

/**
 * The `:caseId` path parameter of a route, parsed: use it on every route under /cases/:caseId.
 * It also declares the parameter in the OpenAPI document (Swagger cannot infer it from a branded
 * type), so the typed web client can fill `{caseId}` on every route that uses it.
 */
export function CaseIdParam(): ParameterDecorator {
  const param = Param('caseId', CaseIdPipe);
  return (target, key, index) => {
    param(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor) documented(target, key, descriptor);
  };
}
