/**
 * Given / when / then for the case decider: given past events, when a command (at a time), then
 * these new events, or a RuleViolation naming the rule.
 */
import {
  type CaseCommand,
  type CaseEvent,
  decide,
  evolveAll,
  initialState,
  RuleViolation,
} from '@ariadne/domain';

export function given(...past: CaseEvent[]) {
  const state = evolveAll(initialState(), past);
  return {
    when(command: CaseCommand, now = '2026-01-10T09:00:00.000Z') {
      const run = (): CaseEvent[] => decide(state, command, { now });
      return {
        then(expected: CaseEvent[]): void {
          expect(run()).toEqual(expected);
        },
        thenRejectedBy(rule: string, kind?: 'conflict' | 'invalid'): void {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(RuleViolation);
          expect((error as RuleViolation).rule).toBe(rule);
          if (kind) expect((error as RuleViolation).kind).toBe(kind);
        },
        events: run,
      };
    },
  };
}
