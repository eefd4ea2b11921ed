import { HttpStatus } from '@nestjs/common';
import type { Actor } from '@ariadne/domain';
import type { ReadScope } from '@ariadne/persistence';
import { problem } from '../common/problem';
import { type Board, BOARD_ROLES, boardScope } from './board-scope';
import { caseNotFound } from './case-id';

/**
 * Every access decision of the API, by permission (P3, need to know). Case routes and boards
 * call requireAccess with the permission they need; the one switch below says who has it.
 */
export type CasePermission =
  /** The case's summary, timeline, actions, deadlines and readiness. */
  | 'case.read'
  /** Any command on the case (the domain may still refuse it by rule, e.g. R8, R22). */
  | 'case.command';
export type BoardPermission = `board.${Board}`;
export type Permission = CasePermission | BoardPermission;

/** What of a case decides who may see it. */
export interface CaseScope {
  readonly organisationId: string;
  readonly assigneeId: string;
}

/** The cases an actor may act on: her organisation's, and only hers for a caseworker. */
export interface CaseListScope {
  readonly organisationId: string;
  /** Set for a caseworker: the cases assigned to her. */
  readonly assigneeId?: string;
}

/**
 * Need to know (P3), the first cut: a caseworker acts on the cases assigned to her, a supervisor
 * on every case of her organisation. Nobody else sees case content (coordinators see their
 * boards; admins and auditors see no case content by default). Null: no case at all.
 */
export function caseListScope(actor: Actor): CaseListScope | null {
  switch (actor.role) {
    case 'supervisor':
      return { organisationId: actor.organisationId };
    case 'caseworker':
      return { organisationId: actor.organisationId, assigneeId: actor.userId };
    default:
      return null;
  }
}

function inCaseListScope(scope: CaseListScope | null, c: CaseScope): boolean {
  if (!scope || scope.organisationId !== c.organisationId) return false;
  return scope.assigneeId === undefined || scope.assigneeId === c.assigneeId;
}

/** What a permission is judged on: a case, or a board seen from the actor's country. */
export type AccessSubject<P extends Permission> = P extends CasePermission
  ? CaseScope
  : { readonly country: string | null };

/** The one permission switch. */
export function isAllowed<P extends Permission>(
  actor: Actor,
  permission: P,
  subject: AccessSubject<P>,
): boolean {
  const p: Permission = permission;
  switch (p) {
    case 'case.read':
    case 'case.command':
      return inCaseListScope(caseListScope(actor), subject as CaseScope);
    case 'board.supervision':
    case 'board.coordination':
    case 'board.statistics':
      return boardOf(p, actor, (subject as { country: string | null }).country) !== null;
    default:
      return p satisfies never;
  }
}

function boardOf(p: BoardPermission, actor: Actor, country: string | null): ReadScope | null {
  return boardScope(p.slice('board.'.length) as Board, actor, country);
}

/**
 * Refuses what the actor may not do: a case she may not see answers exactly like a missing one
 * (404, so ids cannot be probed); a board she may not see answers 403 naming the roles.
 */
export function requireAccess<P extends Permission>(
  actor: Actor,
  permission: P,
  subject: AccessSubject<P>,
): void {
  if (isAllowed(actor, permission, subject)) return;
  if (permission.startsWith('case.')) throw caseNotFound();
  const board = permission.slice('board.'.length) as Board;
  throw problem(HttpStatus.FORBIDDEN, 'forbidden-board', 'You may not see this board', {
    detail: `Needs one of the roles: ${BOARD_ROLES[board].join(', ')}, in a known organisation.`,
  });
}
