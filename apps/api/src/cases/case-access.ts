import type { Actor } from '@ariadne/domain';

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
