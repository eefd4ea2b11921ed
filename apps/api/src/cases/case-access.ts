import { HttpStatus } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Actor } from '@ariadne/domain';
import { problem } from '../common/problem';

/** What a missing case, and a case the actor may not see, both answer (P3). */
export const caseNotFound = () => problem(HttpStatus.NOT_FOUND, 'case-not-found', 'No such case');

/**
 * Case ids are UUIDs: random, or derived from an Idempotency-Key (version 5). Anything else in a
 * case path answers as a missing case.
 */
export function requireCaseId(value: unknown): string {
  if (typeof value !== 'string' || !isUUID(value)) throw caseNotFound();
  return value.toLowerCase();
}

/** What of a case decides who may see it. */
export interface CaseScope {
  readonly organisationId: string;
  readonly assigneeId: string;
}

/**
 * Need to know (P3), the first cut: a caseworker acts on the cases assigned to her, a supervisor
 * on every case of her organisation. Nobody else sees case content yet (coordinators get their
 * boards later; admins and auditors see no case content by default). A case the actor may not
 * see answers exactly like a missing one, so ids cannot be probed.
 */
export function mayActOnCase(actor: Actor, c: CaseScope): boolean {
  if (actor.organisationId !== c.organisationId) return false;
  if (actor.role === 'supervisor') return true;
  return actor.role === 'caseworker' && actor.userId === c.assigneeId;
}
