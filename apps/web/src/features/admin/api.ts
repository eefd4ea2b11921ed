import { requestJson } from '../../lib/api/client';
import type { Role } from '../../lib/session/session';

/** HTCDS 2.0 organisation types (org_Type value names), with their catalogue keys (literal, for the catalogue check). */
export const ORGANISATION_TYPES = {
  NGO: 'admin.orgType.NGO',
  LawEnforcement: 'admin.orgType.LawEnforcement',
  HealthServiceOrganisation: 'admin.orgType.HealthServiceOrganisation',
  CentralGovernmentOrganisation: 'admin.orgType.CentralGovernmentOrganisation',
  LocalGovernmentOrganisation: 'admin.orgType.LocalGovernmentOrganisation',
  ImmigrationService: 'admin.orgType.ImmigrationService',
  LegalService: 'admin.orgType.LegalService',
  CorporateBusiness: 'admin.orgType.CorporateBusiness',
  SchoolOrCollege: 'admin.orgType.SchoolOrCollege',
} as const;
export type OrganisationType = keyof typeof ORGANISATION_TYPES;

export const ROLES: readonly Role[] = [
  'caseworker',
  'supervisor',
  'coordinator',
  'admin',
  'auditor',
];

export interface Organisation {
  readonly id: string;
  readonly name: string;
  readonly type: OrganisationType;
  readonly country: string;
  /** Every account of it signs in with a second factor. */
  readonly requireSecondFactor?: boolean;
}

export interface AdminUser {
  readonly id: string;
  readonly displayName: string;
  readonly login: string;
  readonly email: string | null;
  readonly role: Role;
  readonly organisationId: string;
  readonly locale: string;
  readonly active: boolean;
  readonly passwordSet: boolean;
}

export interface UserFields {
  readonly displayName: string;
  readonly login: string;
  readonly email: string;
  readonly role: Role;
  readonly organisationId: string;
  readonly locale: string;
}

// The admin routes are used through requestJson until the next `npm run api:types`.
export const adminApi = {
  organisations: () =>
    requestJson<{ country: string; items: Organisation[] }>('GET', '/api/v1/admin/organisations'),
  createOrganisation: (body: {
    name: string;
    type: OrganisationType;
    requireSecondFactor?: boolean;
  }) => requestJson<Organisation>('POST', '/api/v1/admin/organisations', { body }),
  updateOrganisation: (
    id: string,
    body: { name?: string; type?: OrganisationType; requireSecondFactor?: boolean },
  ) =>
    requestJson<Organisation>('PATCH', `/api/v1/admin/organisations/${encodeURIComponent(id)}`, {
      body,
    }),
  users: () => requestJson<{ country: string; items: AdminUser[] }>('GET', '/api/v1/admin/users'),
  createUser: (body: UserFields) => requestJson<AdminUser>('POST', '/api/v1/admin/users', { body }),
  updateUser: (id: string, body: Partial<Omit<UserFields, 'login'>> & { active?: boolean }) =>
    requestJson<AdminUser>('PATCH', `/api/v1/admin/users/${encodeURIComponent(id)}`, { body }),
  invite: (id: string) =>
    requestJson<void>('POST', `/api/v1/admin/users/${encodeURIComponent(id)}/invitation`),
};
