import { SetMetadata } from '@nestjs/common';
import { type AuditCategory, normaliseAuditEntry } from '@ariadne/persistence';

export const AUDITED = 'ariadne:audit:audited';

export interface AuditedOptions {
  /** What the route does, e.g. 'case.read', 'case.timeline.read', 'case.command', 'case.open'. */
  readonly action: string;
  /** The data categories the route reads or writes ('case': the case summary). */
  readonly categories: readonly AuditCategory[];
  /** Why: a slug; 'case-management' unless given. */
  readonly purpose?: string;
}

export const DEFAULT_PURPOSE = 'case-management';

/**
 * Every request to this route is recorded in the audit trail (P5) by the AuditInterceptor: who,
 * what, which case, when, why and the outcome. The response is sent only once it is recorded.
 * Options are checked when the decorator is applied, so a bad action fails at start-up.
 */
export const Audited = (options: AuditedOptions): MethodDecorator & ClassDecorator => {
  const resolved = { ...options, purpose: options.purpose ?? DEFAULT_PURPOSE };
  normaliseAuditEntry({ ...resolved, outcome: 'allowed' });
  return SetMetadata(AUDITED, resolved);
};
