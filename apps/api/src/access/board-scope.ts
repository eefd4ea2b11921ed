import type { Actor } from '@ariadne/domain';
import type { ReadScope, UserRole } from '@ariadne/persistence';

/**
 * Who sees which board, and of what (DOMAIN.md "Who uses it", P3, P8): the one place that
 * decides it for the supervisor and coordinator boards and the statistics. The scope always
 * comes from the token's organisation (and that organisation's country), never from the request:
 * a filter in the request can narrow a board, never widen it.
 */
export type Board = 'supervision' | 'coordination' | 'statistics';

/** The first gate, for @Roles() on each controller. */
export const BOARD_ROLES = {
  /** Every case of her organisation: stalled, overdue, workload (R19–R22). */
  supervision: ['supervisor'],
  /** Return readiness across the organisations of the coordinator's country (R14, R16). */
  coordination: ['coordinator'],
  /**
   * Anonymised counts (P8): the coordinator and the admin of a country for its organisations,
   * a supervisor for her own. Admins see no case content, but may see these.
   */
  statistics: ['coordinator', 'admin', 'supervisor'],
} as const satisfies Record<Board, readonly [UserRole, ...UserRole[]]>;

/**
 * The scope of `board` for `actor`, whose organisation lies in `country` (null when the
 * organisation is unknown); null when the actor may not see the board at all.
 */
export function boardScope(board: Board, actor: Actor, country: string | null): ReadScope | null {
  const roles: readonly string[] = BOARD_ROLES[board];
  if (!roles.includes(actor.role)) return null;
  switch (actor.role) {
    case 'supervisor':
      return { organisationId: actor.organisationId };
    case 'coordinator':
    case 'admin':
      return country ? { country } : null;
    default:
      return null;
  }
}

/**
 * The organisations whose names the actor may read, for the names on her boards (GET
 * /organisations): her own for a caseworker or supervisor (her boards never leave it), her
 * country's for a coordinator, auditor or admin (their boards and trails span it); none for the
 * system or an organisation that is unknown. Names of organisations are not personal data.
 */
export function organisationDirectoryScope(actor: Actor, country: string | null): ReadScope | null {
  switch (actor.role) {
    case 'caseworker':
    case 'supervisor':
      return { organisationId: actor.organisationId };
    case 'coordinator':
    case 'auditor':
    case 'admin':
      return country ? { country } : null;
    default:
      return null;
  }
}
