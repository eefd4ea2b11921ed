import type { CountryPolicy } from '../policy/policy';
import type { IdentificationOutcome, Phase, ReferralSource } from './types';

export interface ReflectionState {
  readonly startedAt: string;
  readonly endsAt: string;
  readonly endedAt?: string;
}

export interface OpenCaseState {
  readonly status: 'open';
  readonly version: number;
  readonly phase: Phase;
  readonly referralSource: ReferralSource;
  readonly organisationId: string;
  readonly assigneeId: string;
  readonly policy: CountryPolicy;
  readonly openedAt: string;
  /** When the case last made progress (R21). */
  readonly lastProgressAt: string;
  readonly identification?: { readonly outcome: IdentificationOutcome; readonly decidedAt: string };
  readonly reflection?: ReflectionState;
}

export type CaseState = { readonly status: 'none'; readonly version: 0 } | OpenCaseState;

export function initialState(): CaseState {
  return { status: 'none', version: 0 };
}
