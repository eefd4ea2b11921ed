import type { DeadlineKey, DeadlineKind, Phase } from '../types';

/** R20: who a reminder goes to (the responsible caseworker). */
export interface ToAssignee {
  readonly role: 'assignee';
  readonly userId: string;
}

/** R20: who an escalation goes to (the supervisors of the case's organisation). */
export interface ToSupervisors {
  readonly role: 'supervisor';
  readonly organisationId: string;
}

export interface DeadlineReminderSent {
  readonly type: 'DeadlineReminderSent';
  readonly data: {
    readonly deadline: DeadlineKey;
    readonly kind: DeadlineKind;
    readonly dueAt: string;
    readonly to: ToAssignee;
    readonly sentAt: string;
  };
}

export interface DeadlineEscalated {
  readonly type: 'DeadlineEscalated';
  readonly data: {
    readonly deadline: DeadlineKey;
    readonly kind: DeadlineKind;
    readonly dueAt: string;
    readonly to: ToSupervisors;
    readonly escalatedAt: string;
  };
}

export interface CaseFlaggedStalled {
  readonly type: 'CaseFlaggedStalled';
  readonly data: {
    readonly phase: Phase;
    /** The last progress; nothing has moved since. */
    readonly since: string;
    readonly flaggedAt: string;
  };
}

/** R21: recorded with the first progress after a stall, in the same decision. */
export interface CaseStallCleared {
  readonly type: 'CaseStallCleared';
  readonly data: { readonly clearedAt: string };
}

export type TimedEvent =
  DeadlineReminderSent | DeadlineEscalated | CaseFlaggedStalled | CaseStallCleared;
