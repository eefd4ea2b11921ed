import type { DeadlineKey } from '../types';

/**
 * Commands the case issues itself, as the 'system' actor, when nextDueAction says so. A human
 * actor cannot issue them: they record what the clock did, not what someone decided.
 */

/** R20: remind the assignee that a deadline is near. */
export interface SendDeadlineReminder {
  readonly type: 'SendDeadlineReminder';
  readonly deadline: DeadlineKey;
}

/** R20: tell the organisation's supervisors that a deadline has passed unmet. */
export interface EscalateDeadline {
  readonly type: 'EscalateDeadline';
  readonly deadline: DeadlineKey;
}

/** R21: no progress for policy.stalledAfter. */
export interface FlagCaseStalled {
  readonly type: 'FlagCaseStalled';
}

/** R23: the retention period after closure has run out. */
export interface ErasePersonalData {
  readonly type: 'ErasePersonalData';
}

export type TimedCommand =
  SendDeadlineReminder | EscalateDeadline | FlagCaseStalled | ErasePersonalData;
