import {
  type Actor,
  DATA_CATEGORIES,
  type DataCategory,
  type ProtectionMeasure,
} from '@ariadne/domain';
import type { CaseScope } from './permissions';

/**
 * Need to know by category (P3): the categories that a risk assessment's protection measure
 * `restricted-record-access` reserves to the people closest to her case.
 */
export const RESTRICTED_CATEGORIES: readonly DataCategory[] = [
  'health',
  'legal',
  'contact-location',
];

/**
 * The categories the staff application folds until someone clicks to reveal them (an audited
 * read of that category alone): the same sensitive three.
 */
export const FOLDED_CATEGORIES: readonly DataCategory[] = RESTRICTED_CATEGORIES;

const RESTRICTING_MEASURE: ProtectionMeasure = 'restricted-record-access';

/** An event as the store holds it: only its type and, for a risk assessment, its measures. */
interface LoggedEvent {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Whether the record of a case is restricted: its latest risk assessment (of any scope) has the
 * protection measure `restricted-record-access`. A later assessment without it lifts it.
 */
export function isRecordRestricted(events: readonly LoggedEvent[]): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as LoggedEvent;
    if (e.type !== 'RiskAssessed') continue;
    const measures = (e.data as { protectionMeasures?: unknown }).protectionMeasures;
    return Array.isArray(measures) && measures.includes(RESTRICTING_MEASURE);
  }
  return false;
}

/**
 * The data categories of a case this actor may read, for someone who may already see the case
 * (CaseAccess decided that). On a restricted record, health, legal and contact-location are for
 * the assigned caseworker and the supervisors of the case's organisation only; everyone else
 * who may see the case gets them hidden, not folded: omitted from the answer.
 */
export function visibleCategories(
  actor: Actor,
  c: CaseScope,
  restricted: boolean,
): readonly DataCategory[] {
  if (!restricted) return DATA_CATEGORIES;
  const closest =
    actor.organisationId === c.organisationId &&
    (actor.userId === c.assigneeId || actor.role === 'supervisor');
  return closest
    ? DATA_CATEGORIES
    : DATA_CATEGORIES.filter((x) => !RESTRICTED_CATEGORIES.includes(x));
}

/**
 * An event's data with the `personal` sub-objects of hidden categories removed, before
 * anything is decrypted: what is hidden is never even opened.
 */
export function withoutHiddenCategories(data: unknown, visible: readonly DataCategory[]): unknown {
  if (typeof data !== 'object' || data === null) return data;
  const personal = (data as { personal?: unknown }).personal;
  if (typeof personal !== 'object' || personal === null) return data;
  const kept = Object.fromEntries(
    Object.entries(personal).filter(([category]) =>
      (visible as readonly string[]).includes(category),
    ),
  );
  return { ...data, personal: kept };
}
