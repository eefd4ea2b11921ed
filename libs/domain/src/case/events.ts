import type { CountryPolicy } from '../policy/policy';
import type { IdentificationOutcome, ReferralSource } from './types';

export interface CaseOpened {
  readonly type: 'CaseOpened';
  readonly data: {
    readonly referralSource: ReferralSource;
    readonly country: CountryPolicy['country'];
    readonly organisationId: string;
    readonly assigneeId: string;
    readonly policy: CountryPolicy;
    readonly openedAt: string;
  };
}

export interface IdentificationDecided {
  readonly type: 'IdentificationDecided';
  readonly data: { readonly outcome: IdentificationOutcome; readonly decidedAt: string };
}

export interface ReflectionPeriodStarted {
  readonly type: 'ReflectionPeriodStarted';
  readonly data: {
    readonly startedAt: string;
    readonly endsAt: string;
    readonly period: string;
    readonly policyVersion: string;
  };
}

export interface ReflectionPeriodEnded {
  readonly type: 'ReflectionPeriodEnded';
  readonly data: { readonly endedAt: string; readonly reason: 'elapsed' };
}

export type CaseEvent =
  CaseOpened | IdentificationDecided | ReflectionPeriodStarted | ReflectionPeriodEnded;
export type CaseEventType = CaseEvent['type'];
