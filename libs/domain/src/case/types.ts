import type { CountryPolicy, PolicyCountry } from '../policy/policy';

/** Who acts. Ids are opaque; a person's name never travels with a command (P1). */
export interface Actor {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: Role;
}
export const ROLES = [
  'caseworker',
  'supervisor',
  'coordinator',
  'admin',
  'auditor',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** The phases of one journey (DOMAIN.md "The journey"). */
export const PHASES = [
  'intake',
  'reflection',
  'assessment',
  'pathway',
  'integration',
  'return',
  'follow-up',
  'closed',
] as const;
export type Phase = (typeof PHASES)[number];

/** Who referred her (HTCDS-style referral sources). */
export const REFERRAL_SOURCES = [
  'police',
  'migration-authority',
  'border-guard',
  'customs',
  'ngo-outreach',
  'health-service',
  'social-services',
  'helpline',
  'self-referral',
  'other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const IDENTIFICATION_OUTCOMES = ['reasonable-grounds', 'no-reasonable-grounds'] as const;
export type IdentificationOutcome = (typeof IDENTIFICATION_OUTCOMES)[number];

export type { CountryPolicy, PolicyCountry };
