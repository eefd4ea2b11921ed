import type { ReflectionEndReason } from '../types';

export interface ReflectionPeriodStarted {
  readonly type: 'ReflectionPeriodStarted';
  readonly data: {
    readonly occurredAt?: string;
    readonly startedAt: string;
    readonly endsAt: string;
    readonly period: string;
    readonly policyVersion: string;
  };
}

export interface ReflectionPeriodExtended {
  readonly type: 'ReflectionPeriodExtended';
  readonly data: {
    readonly extendedAt: string;
    readonly previousEndsAt: string;
    readonly endsAt: string;
    /** The new total length, counted from the start. */
    readonly totalPeriod: string;
  };
}

export interface ReflectionPeriodEnded {
  readonly type: 'ReflectionPeriodEnded';
  readonly data: {
    readonly endedAt: string;
    readonly reason: ReflectionEndReason;
    /** R8: the supervisor who decided an early end; absent when the period elapsed. */
    readonly decidedBy?: string;
  };
}

export type ReflectionEvent =
  ReflectionPeriodStarted | ReflectionPeriodExtended | ReflectionPeriodEnded;
