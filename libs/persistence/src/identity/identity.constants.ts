import type { Role } from '@ariadne/domain';

/**
 * Roles a person's account may hold (DOMAIN.md "Who uses it"). 'system' is the engine acting on
 * its own (timers, escalations) and is never given to an account.
 */
export const USER_ROLES = [
  'caseworker',
  'supervisor',
  'coordinator',
  'admin',
  'auditor',
] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Roles that must sign in with a second factor, whatever their organisation says (issue 9): they
 * see the most sensitive data or run the accounts themselves.
 */
export const ROLES_REQUIRING_SECOND_FACTOR: readonly UserRole[] = [
  'supervisor',
  'admin',
  'auditor',
];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (USER_ROLES as readonly string[]).includes(value);
}

/**
 * Organisation types: the value names of HTCDS 2.0's organisation picklist `org_Type`, so that
 * exports interoperate ("Human Trafficking Case Data Standard (HTCDS) by IOM", CC BY 4.0). A
 * shelter run by an NGO is an NGO; a national coordination team is a central government
 * organisation. The screens show them through the message catalogue.
 */
export const ORGANISATION_TYPES = [
  'NGO',
  'LawEnforcement',
  'HealthServiceOrganisation',
  'CentralGovernmentOrganisation',
  'LocalGovernmentOrganisation',
  'ImmigrationService',
  'LegalService',
  'CorporateBusiness',
  'SchoolOrCollege',
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/**
 * The organisation types stored before HTCDS's `org_Type` names (values of another HTCDS field,
 * vic_TraffickingStatusDecisionMakingOrg), mapped as migration 1796617055586 maps them; anything
 * that still carries an old value (a saved history, an older client) reads through this.
 */
export const LEGACY_ORGANISATION_TYPES: Readonly<Record<string, OrganisationType>> = {
  Police: 'LawEnforcement',
  CourtOrProsecution: 'LegalService',
  NonPoliceGovernmentalOrganization: 'CentralGovernmentOrganisation',
  Other: 'NGO',
};

export function organisationType(value: string): OrganisationType | undefined {
  if ((ORGANISATION_TYPES as readonly string[]).includes(value)) return value as OrganisationType;
  return LEGACY_ORGANISATION_TYPES[value];
}

/**
 * Opaque ids of organisations and users: lower-case slugs, never a person's name (P1). The same
 * shape as the API's OPAQUE_ID and the database CHECK in the identity migration.
 */
export const OPAQUE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function isOpaqueId(value: unknown): value is string {
  return typeof value === 'string' && OPAQUE_ID_PATTERN.test(value);
}

/** Logins are compared case-insensitively: stored and looked up trimmed and lower-cased. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** E-mail addresses are compared case-insensitively too (stored lower-cased, unique). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The languages of the staff application: English and the eight of the Nordic–Baltic network. */
export const LOCALES = ['en', 'da', 'et', 'fi', 'is', 'lv', 'lt', 'nb', 'sv'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * The language an account starts with: her organisation's country's, else English. The same
 * table as the SQL function default_locale() of the sessions migration, which fills it in.
 */
const COUNTRY_LOCALES: Readonly<Record<string, Locale>> = {
  DK: 'da',
  EE: 'et',
  FI: 'fi',
  IS: 'is',
  LV: 'lv',
  LT: 'lt',
  NO: 'nb',
  SE: 'sv',
};

export function defaultLocale(country: string): Locale {
  return COUNTRY_LOCALES[country.toUpperCase()] ?? 'en';
}
