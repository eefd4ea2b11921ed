import { RuleViolation } from '../../errors';
import { isAtOrAfter } from '../../policy/duration';
import type { CaseEvent } from '../events';
import { deadlines, type Deadline } from '../deadlines';
import type { OpenCaseState } from '../state';
import { stallDueAt, stallWatched } from '../timers';
import type { DeadlineKey } from '../types';
import { type Deciders, requireSystem } from './context';

function openDeadline(s: OpenCaseState, key: DeadlineKey): Deadline {
  const d = deadlines(s).find((x) => x.deadline === key);
  if (!d) throw new RuleViolation('R20', 'deadline names no deadline of this case.', 'invalid');
  if (d.metAt) throw new RuleViolation('R20', `The ${key} deadline is met.`);
  return d;
}

function notBefore(now: string, at: string | undefined, what: string): string {
  if (!at) throw new RuleViolation('R20', `There is no ${what} for this deadline.`);
  if (!isAtOrAfter(now, at)) throw new RuleViolation('R20', `The ${what} is due at ${at}.`);
  return at;
}

/** R20, R21: what the clock records. Each fires once per due date (see timers.ts). */
export const timedDeciders: Deciders<
  'SendDeadlineReminder' | 'EscalateDeadline' | 'FlagCaseStalled'
> = {
  SendDeadlineReminder: (s, c, ctx): CaseEvent[] => {
    requireSystem(ctx, 'R20');
    const d = openDeadline(s, c.deadline);
    if (d.remindedAt) throw new RuleViolation('R20', 'The reminder was already sent.');
    notBefore(ctx.now, d.reminderAt, 'reminder');
    return [
      {
        type: 'DeadlineReminderSent',
        data: {
          deadline: d.deadline,
          kind: d.kind,
          dueAt: d.dueAt,
          to: { role: 'assignee', userId: s.assigneeId },
          sentAt: ctx.now,
        },
      },
    ];
  },

  EscalateDeadline: (s, c, ctx): CaseEvent[] => {
    requireSystem(ctx, 'R20');
    const d = openDeadline(s, c.deadline);
    if (d.escalatedAt) throw new RuleViolation('R20', 'The deadline was already escalated.');
    notBefore(ctx.now, d.escalateAt, 'escalation');
    return [
      {
        type: 'DeadlineEscalated',
        data: {
          deadline: d.deadline,
          kind: d.kind,
          dueAt: d.dueAt,
          to: { role: 'supervisor', organisationId: s.organisationId },
          escalatedAt: ctx.now,
        },
      },
    ];
  },

  FlagCaseStalled: (s, _c, ctx): CaseEvent[] => {
    requireSystem(ctx, 'R21');
    if (!stallWatched(s)) throw new RuleViolation('R21', `Stalls are not watched in ${s.phase}.`);
    if (s.stalled) throw new RuleViolation('R21', 'The case is already flagged stalled.');
    const due = stallDueAt(s);
    if (!isAtOrAfter(ctx.now, due)) {
      throw new RuleViolation('R21', `The case has progressed recently; stalled from ${due}.`);
    }
    return [
      {
        type: 'CaseFlaggedStalled',
        data: { phase: s.phase, since: s.lastProgressAt, flaggedAt: ctx.now },
      },
    ];
  },
};
