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
  /** R30: a partner system reporting facts of its kinds; no person, the narrowest rights. */
  'partner',
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

/** R27: who took an identification decision (HTCDS `vic_IdentifiedBy`-like; police, migration …). */
export const IDENTIFICATION_DECIDERS = ['police', 'migration-authority', 'ngo', 'other'] as const;
export type IdentificationDecider = (typeof IDENTIFICATION_DECIDERS)[number];

/** R28: the conclusive decision after reasonable grounds (UK NRM; HTCDS `vic_TraffickingStatus`). */
export const CONCLUSIVE_OUTCOMES = ['positive', 'negative'] as const;
export type ConclusiveOutcome = (typeof CONCLUSIVE_OUTCOMES)[number];

/** R8: the only grounds on which a reflection period may end early (CoE 13(3)). */
export const EARLY_END_REASONS = ['public-order', 'improper-claim'] as const;
export type EarlyEndReason = (typeof EARLY_END_REASONS)[number];
export type ReflectionEndReason = 'elapsed' | EarlyEndReason;

/** R2: what may be needed from the first minute, before any decision. */
export const IMMEDIATE_NEEDS = [
  'safety',
  'accommodation',
  'emergency-health-care',
  'interpretation',
  'food-and-clothing',
] as const;
export type ImmediateNeed = (typeof IMMEDIATE_NEEDS)[number];

/** The services of an individual support plan (DOMAIN.md phase 4). Needs are assessed in the same terms (R6). */
export const SERVICE_KINDS = [
  'shelter',
  'confidential-address',
  'health-care',
  'psychosocial',
  'interpretation',
  'legal-counselling',
  'financial',
  'education',
  'employment',
  'childrens-needs',
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
export type NeedArea = ServiceKind;
export const NEED_AREAS: readonly NeedArea[] = SERVICE_KINDS;

/** 'immediate' answers an immediate need (R2); 'plan' follows the needs assessment (R6). */
export const SERVICE_BASES = ['immediate', 'plan'] as const;
export type ServiceBasis = (typeof SERVICE_BASES)[number];

export const SERVICE_STATUSES = ['requested', 'provided', 'declined', 'unavailable'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const UNAVAILABILITY_REASONS = [
  'no-capacity',
  'not-offered-in-area',
  'waiting-list',
] as const;
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];

/** R10: what she was informed about. */
export const RIGHTS_TOPICS = [
  'victim-rights',
  'reflection-period',
  'residence',
  'legal-proceedings',
  'compensation',
  'legal-counselling',
  'return-options',
] as const;
export type RightsTopic = (typeof RIGHTS_TOPICS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** R9: a general assessment (intake, review) or one before a departure (R14). */
export const RISK_SCOPES = ['general', 'departure'] as const;
export type RiskScope = (typeof RISK_SCOPES)[number];

export const PROTECTION_MEASURES = [
  'confidential-address',
  'safety-plan',
  'police-protection',
  'restricted-record-access',
  'escorted-travel',
] as const;
export type ProtectionMeasure = (typeof PROTECTION_MEASURES)[number];

/** R12: her pathway; 'undecided' is a legitimate state, never a gap to close. */
export const PATHWAYS = ['undecided', 'integration', 'return', 'third-country'] as const;
export type Pathway = (typeof PATHWAYS)[number];
/** The pathways that end with a departure through the R14 gate (R16 for a third country). */
export const DEPARTURE_PATHWAYS = ['return', 'third-country'] as const;
export type DeparturePathway = (typeof DEPARTURE_PATHWAYS)[number];

export function isDeparturePathway(p: Pathway): p is DeparturePathway {
  return (DEPARTURE_PATHWAYS as readonly string[]).includes(p);
}

/** R13: integration milestones. */
export const MILESTONES = ['residence-permit', 'language', 'housing', 'work', 'education'] as const;
export type Milestone = (typeof MILESTONES)[number];

export const PERMIT_GROUNDS = ['personal-situation', 'cooperation'] as const;
export type PermitGround = (typeof PERMIT_GROUNDS)[number];
export const PERMIT_OUTCOMES = ['granted', 'refused'] as const;
export type PermitOutcome = (typeof PERMIT_OUTCOMES)[number];

/** R11: an asylum claim runs on its own; nothing about a permit prejudices it. */
export const ASYLUM_STATUSES = ['lodged', 'granted', 'refused', 'withdrawn'] as const;
export type AsylumStatus = (typeof ASYLUM_STATUSES)[number];

/** The legal-proceedings track (R3): recorded, never a condition for anything. */
export const LEGAL_STEPS = [
  'police-report-filed',
  'police-report-declined',
  'investigation-opened',
  'investigation-closed',
  'prosecution-started',
  'witness-role-accepted',
  'witness-role-declined',
  'trial-concluded',
  'compensation-claimed',
  'compensation-decided',
] as const;
export type LegalStep = (typeof LEGAL_STEPS)[number];

/** R18: why a case is referred across a border. */
export const REFERRAL_PURPOSES = [
  'return-reception',
  'third-country-reception',
  'services',
] as const;
export type ReferralPurpose = (typeof REFERRAL_PURPOSES)[number];
export const REFERRAL_RESPONSES = ['accepted', 'declined'] as const;
export type ReferralResponse = (typeof REFERRAL_RESPONSES)[number];
/** R18: why a receiving organisation declines a referral (a code: no free text, no personal data). */
export const REFERRAL_DECLINE_REASONS = [
  'no-capacity',
  'outside-mandate',
  'outside-service-area',
  'needs-not-met',
  'other',
] as const;
export type ReferralDeclineReason = (typeof REFERRAL_DECLINE_REASONS)[number];

/** The reception referral that a departure on this pathway needs (R14, R16). */
export const RECEPTION_PURPOSE: Readonly<Record<DeparturePathway, ReferralPurpose>> = {
  return: 'return-reception',
  'third-country': 'third-country-reception',
};

export const FOLLOW_UP_CONTACTS = ['reached', 'not-reached'] as const;
export type FollowUpContact = (typeof FOLLOW_UP_CONTACTS)[number];

export const RE_TRAFFICKING_RISKS = ['flagged', 'cleared'] as const;
export type ReTraffickingRisk = (typeof RE_TRAFFICKING_RISKS)[number];

export const REASSIGNMENT_REASONS = [
  'caseworker-unavailable',
  'workload',
  'her-request',
  'conflict-of-interest',
] as const;
export type ReassignmentReason = (typeof REASSIGNMENT_REASONS)[number];

/** R23: closure always has a reason. */
export const CLOSURE_REASONS = [
  'support-completed',
  'follow-up-completed',
  'she-ended-contact',
  'contact-lost',
  'transferred',
  'no-reasonable-grounds',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const REOPENING_REASONS = [
  'she-asked-for-support',
  'new-information',
  'closed-in-error',
] as const;
export type ReopeningReason = (typeof REOPENING_REASONS)[number];

export type { CountryPolicy, PolicyCountry };

/** R19: the kinds of obligation with a due date. */
export const DEADLINE_KINDS = [
  'identification-decision',
  'conclusive-identification',
  'rights-information',
  'health-check-offered',
  'risk-assessment',
  'needs-assessment',
  'reflection-end',
  'permit-expiry',
  'follow-up',
  'consent-expiry',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
/**
 * One deadline of a case: its kind, `follow-up-<n>` for the n-th follow-up after return, or
 * `consent-expiry-<n>` for the expiry of her consent `consent-<n>` (P4).
 */
export type DeadlineKey =
  | Exclude<DeadlineKind, 'follow-up' | 'consent-expiry'>
  | `follow-up-${number}`
  | `consent-expiry-${number}`;
