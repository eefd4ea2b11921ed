/**
 * A command that would break a rule of DOMAIN.md. `rule` is the rule id (R1…R23, P1…P8) so that
 * the API error, the test and the rule catalogue all point at the same principle.
 */
export type RuleViolationKind = 'conflict' | 'invalid' | 'forbidden';

export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  constructor(
    readonly rule: string,
    message: string,
    /**
     * 'conflict' when the case's state forbids it now; 'invalid' when the command itself is
     * wrong; 'forbidden' when this actor may not issue it (R8, R22: a supervisor's decision).
     */
    readonly kind: RuleViolationKind = 'conflict',
  ) {
    super(message);
  }
}

export function isRuleViolation(e: unknown): e is RuleViolation {
  return e instanceof RuleViolation;
}
