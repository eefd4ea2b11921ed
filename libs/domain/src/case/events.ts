/**
 * The facts of a case, one phase of the journey per file under ./events.
 *
 * PERSONAL DATA CONVENTION (P2, P3, P7; see ./personal.ts)
 * - Personal data lives only in `data.personal`, one sub-object per category: `identity`,
 *   `contact-location`, `health`, `legal`, `immigration`, `return`. Nothing outside
 *   `data.personal` is personal: ids are opaque, the rest are enums, counts, flags and times.
 * - PERSONAL_DATA below lists, per event type, the categories it may carry. The compiler checks
 *   the list against the types both ways. Issue 4 encrypts `data.personal[category]` with the
 *   case's key; erasure (PersonalDataErased, P7) destroys that key and leaves the rest readable.
 * - evolve never copies anything from `data.personal` into the state, so state, summaries,
 *   search attributes and timers are free of personal data by construction (a property test
 *   folds every log with and without `personal` and expects the same state).
 */
import type { DepartureEvent } from './events/departure';
import type { IntakeEvent } from './events/intake';
import type { ManagementEvent } from './events/management';
import type { NetworkEvent } from './events/network';
import type { PathwayEvent } from './events/pathway';
import type { ReferralEvent } from './events/referral';
import type { ReflectionEvent } from './events/reflection';
import type { SupportEvent } from './events/support';
import type { TimedEvent } from './events/timed';
import { omit } from './omit';
import type { DataCategory } from './personal';

export type * from './events/intake';
export type * from './events/reflection';
export type * from './events/support';
export type * from './events/pathway';
export type * from './events/departure';
export type * from './events/referral';
export type * from './events/management';
export type * from './events/timed';
export type * from './events/network';

export type CaseEvent =
  | IntakeEvent
  | ReflectionEvent
  | SupportEvent
  | PathwayEvent
  | DepartureEvent
  | ReferralEvent
  | ManagementEvent
  | TimedEvent
  | NetworkEvent;
export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** The categories an event's `data.personal` may hold, read from its type. */
type PersonalCategoriesOf<E extends CaseEvent> = E['data'] extends { personal?: infer P }
  ? keyof NonNullable<P> & DataCategory
  : never;

type CategoryMap = {
  readonly [E in CaseEvent as E['type']]: readonly PersonalCategoriesOf<E>[];
};

/** Event type → the personal-data categories it may carry under `data.personal`. */
export const PERSONAL_DATA = {
  CaseOpened: [],
  PersonDetailsRecorded: ['identity', 'contact-location'],
  ImmediateNeedRecorded: [],
  ImmediateNeedMet: [],
  IdentificationDecided: [],
  ConclusiveIdentificationDecided: [],
  ReflectionPeriodStarted: [],
  ReflectionPeriodExtended: [],
  ReflectionPeriodEnded: [],
  RightsInformationGiven: ['identity'],
  HealthCheckOffered: [],
  NeedsAssessed: ['health'],
  RiskAssessed: ['contact-location', 'return'],
  ServiceRequested: ['health'],
  ServiceProvided: ['contact-location', 'health'],
  ServiceDeclined: ['identity'],
  ServiceUnavailable: [],
  ConsentGiven: ['identity'],
  ConsentWithdrawn: ['identity'],
  PathwayChosen: ['identity'],
  IntegrationPlanAgreed: [],
  IntegrationMilestoneReached: [],
  ResidencePermitApplied: ['immigration'],
  ResidencePermitDecided: ['immigration'],
  AsylumClaimRecorded: ['immigration'],
  ReintegrationPlanRecorded: ['return'],
  ReintegrationFundingApproved: [],
  AssistingContactsGiven: ['return'],
  LegalStatusConsidered: ['legal'],
  TravelArranged: ['return'],
  ReturnSuspended: [],
  ReturnExecuted: [],
  FollowUpRecorded: ['return'],
  ReturnFinancialAssistancePaid: ['return'],
  ReTraffickingRiskRecorded: [],
  CrossBorderReferralSent: [
    'identity',
    'contact-location',
    'health',
    'legal',
    'immigration',
    'return',
    'notes',
  ],
  CrossBorderReferralAccepted: [],
  CrossBorderReferralDeclined: [],
  CrossBorderReferralWithdrawn: [],
  CrossBorderReferralSharingStopped: [],
  ReferralReceived: [
    'identity',
    'contact-location',
    'health',
    'legal',
    'immigration',
    'return',
    'notes',
  ],
  LinkedSharingStopped: [],
  LegalStepRecorded: ['legal'],
  CaseReassigned: [],
  CaseClosed: [],
  CaseReopened: [],
  PersonalDataErased: ['identity'],
  NoteAdded: ['notes'],
  DeadlineReminderSent: [],
  DeadlineEscalated: [],
  CaseFlaggedStalled: [],
  CaseStallCleared: [],
  PartnerFactRefused: [],
  RefusedFactResolved: [],
  TransferProposed: ['identity'],
  TransferAccepted: [],
  TransferDeclined: [],
  TransferWithdrawn: [],
} as const satisfies CategoryMap;

/**
 * The dot paths, relative to an event's `data`, of the personal sub-objects its type may carry
 * (`personal.identity`, `personal.contact-location` …): what issue 4 encrypts per category.
 */
export function personalPaths(type: CaseEventType): string[] {
  return PERSONAL_DATA[type].map((category) => `personal.${category}`);
}

/** Compile-time check that PERSONAL_DATA lists every category each event type allows. */
type Unlisted = {
  [E in CaseEvent as E['type']]: Exclude<
    PersonalCategoriesOf<E>,
    (typeof PERSONAL_DATA)[E['type']][number]
  >;
}[CaseEventType];
type MustBeNever<T extends never> = T;
export type PersonalDataMapIsComplete = MustBeNever<Unlisted>;

/** The field of each event that says when it happened. */
type TimeField<D> = {
  [K in keyof D]-?: K extends `${string}At` ? (D[K] extends string ? K : never) : never;
}[keyof D];
const EVENT_TIME: { readonly [E in CaseEvent as E['type']]: TimeField<E['data']> } = {
  CaseOpened: 'openedAt',
  PersonDetailsRecorded: 'recordedAt',
  ImmediateNeedRecorded: 'recordedAt',
  ImmediateNeedMet: 'metAt',
  IdentificationDecided: 'decidedAt',
  ConclusiveIdentificationDecided: 'decidedAt',
  ReflectionPeriodStarted: 'startedAt',
  ReflectionPeriodExtended: 'extendedAt',
  ReflectionPeriodEnded: 'endedAt',
  RightsInformationGiven: 'givenAt',
  HealthCheckOffered: 'offeredAt',
  NeedsAssessed: 'assessedAt',
  RiskAssessed: 'assessedAt',
  ServiceRequested: 'requestedAt',
  ServiceProvided: 'providedAt',
  ServiceDeclined: 'declinedAt',
  ServiceUnavailable: 'recordedAt',
  ConsentGiven: 'givenAt',
  ConsentWithdrawn: 'withdrawnAt',
  PathwayChosen: 'chosenAt',
  IntegrationPlanAgreed: 'agreedAt',
  IntegrationMilestoneReached: 'reachedAt',
  ResidencePermitApplied: 'appliedAt',
  ResidencePermitDecided: 'decidedAt',
  AsylumClaimRecorded: 'recordedAt',
  ReintegrationPlanRecorded: 'recordedAt',
  ReintegrationFundingApproved: 'approvedAt',
  AssistingContactsGiven: 'givenAt',
  LegalStatusConsidered: 'consideredAt',
  TravelArranged: 'arrangedAt',
  ReturnSuspended: 'suspendedAt',
  ReturnExecuted: 'departedAt',
  FollowUpRecorded: 'recordedAt',
  ReturnFinancialAssistancePaid: 'paidAt',
  ReTraffickingRiskRecorded: 'recordedAt',
  CrossBorderReferralSent: 'sentAt',
  CrossBorderReferralAccepted: 'respondedAt',
  CrossBorderReferralDeclined: 'respondedAt',
  CrossBorderReferralWithdrawn: 'withdrawnAt',
  CrossBorderReferralSharingStopped: 'stoppedAt',
  ReferralReceived: 'receivedAt',
  LinkedSharingStopped: 'stoppedAt',
  LegalStepRecorded: 'recordedAt',
  CaseReassigned: 'reassignedAt',
  CaseClosed: 'closedAt',
  CaseReopened: 'reopenedAt',
  PersonalDataErased: 'erasedAt',
  NoteAdded: 'addedAt',
  DeadlineReminderSent: 'sentAt',
  DeadlineEscalated: 'escalatedAt',
  CaseFlaggedStalled: 'flaggedAt',
  CaseStallCleared: 'clearedAt',
  PartnerFactRefused: 'refusedAt',
  RefusedFactResolved: 'resolvedAt',
  TransferProposed: 'proposedAt',
  TransferAccepted: 'acceptedAt',
  TransferDeclined: 'declinedAt',
  TransferWithdrawn: 'withdrawnAt',
};

/** When the event was recorded (the decision's ctx.now). */
export function eventTime(event: CaseEvent): string {
  const field = EVENT_TIME[event.type] as string;
  return (event.data as unknown as Readonly<Record<string, string>>)[field] as string;
}

/** When it happened: `occurredAt` when the command gave one (R24–R26), else when recorded. */
export function occurredTime(event: CaseEvent): string {
  return (event.data as { occurredAt?: string }).occurredAt ?? eventTime(event);
}

/**
 * The event as the state sees it: its time field set to when it happened. The state's
 * deadlines, reflection period and reminders then run from `occurredAt` (issue 10), while
 * `updatedAt` and stall watching keep the recording time (evolve.ts).
 */
export function asHappened(event: CaseEvent): CaseEvent {
  const occurredAt = (event.data as { occurredAt?: string }).occurredAt;
  if (occurredAt === undefined) return event;
  return { ...event, data: { ...event.data, [EVENT_TIME[event.type]]: occurredAt } } as CaseEvent;
}

/**
 * Events that run beside the journey: the legal-proceedings track (R3) and an asylum claim
 * (R11). They leave the journey's state untouched, so nothing can ever depend on them.
 */
export const BESIDE_THE_JOURNEY: readonly CaseEventType[] = [
  'LegalStepRecorded',
  'AsylumClaimRecorded',
];

/**
 * Events that are not progress in the journey (R21): what the clock records, the legal track,
 * and case administration. Every other event is progress and clears a stall.
 */
export const NOT_PROGRESS: readonly CaseEventType[] = [
  ...BESIDE_THE_JOURNEY,
  'DeadlineReminderSent',
  'DeadlineEscalated',
  'CaseFlaggedStalled',
  'CaseStallCleared',
  'CaseReassigned',
  'PersonalDataErased',
  // A note records what was said or seen; it does not move her journey on (R21).
  'NoteAdded',
  // R30, R31: a refused partner fact and the steps of a transfer are case administration.
  'PartnerFactRefused',
  'RefusedFactResolved',
  'TransferProposed',
  'TransferAccepted',
  'TransferDeclined',
  'TransferWithdrawn',
];

export function isProgress(event: CaseEvent): boolean {
  return !NOT_PROGRESS.includes(event.type);
}

/** The event with its personal data removed: what survives erasure (P7). */
export function withoutPersonal(event: CaseEvent): CaseEvent {
  if (!('personal' in event.data)) return event;
  return {
    type: event.type,
    data: omit(event.data as { personal?: unknown }, 'personal'),
  } as CaseEvent;
}
