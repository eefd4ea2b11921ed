import type { EarlyEndReason } from '../types';

/** R7: lengthen the reflection period to a total length (from its start); never shorten it. */
export interface ExtendReflectionPeriod {
  readonly type: 'ExtendReflectionPeriod';
  /** ISO 8601 duration counted from the start, e.g. 'P60D'; at most policy.reflection.maxExtendedTo. */
  readonly totalPeriod: string;
}

/** R8: a supervisor ends the period early, for one of the two reasons the Convention allows. */
export interface EndReflectionPeriodEarly {
  readonly type: 'EndReflectionPeriodEarly';
  readonly reason: EarlyEndReason;
}

/** Issued by the case's own timer when the reflection period has run its course (R7). */
export interface EndReflectionPeriod {
  readonly type: 'EndReflectionPeriod';
}

export type ReflectionCommand =
  ExtendReflectionPeriod | EndReflectionPeriodEarly | EndReflectionPeriod;
