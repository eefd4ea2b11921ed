import type { Role } from '../lib/session/session';

export interface NavItem {
  readonly to: string;
  /** Catalogue key of the link text and of the page title. */
  readonly labelId: string;
  readonly roles: readonly Role[];
}

/** The navigation by role; a route's RoleGate uses the same roles. */
export const NAV: readonly NavItem[] = [
  { to: '/cases', labelId: 'nav.myCases', roles: ['caseworker', 'supervisor'] },
  { to: '/tasks', labelId: 'nav.myTasks', roles: ['caseworker', 'supervisor'] },
  { to: '/inbox', labelId: 'nav.inbox', roles: ['caseworker', 'supervisor'] },
  {
    to: '/referrals/received',
    labelId: 'nav.referralsReceived',
    roles: ['caseworker', 'supervisor'],
  },
  { to: '/transfers', labelId: 'nav.transfers', roles: ['caseworker', 'supervisor'] },
  { to: '/supervision', labelId: 'nav.supervision', roles: ['supervisor'] },
  { to: '/coordination', labelId: 'nav.coordination', roles: ['coordinator'] },
  { to: '/statistics', labelId: 'nav.statistics', roles: ['coordinator', 'supervisor'] },
  { to: '/audit', labelId: 'nav.audit', roles: ['auditor'] },
  { to: '/admin', labelId: 'nav.admin', roles: ['admin', 'auditor'] },
];

export function navFor(role: Role): readonly NavItem[] {
  return NAV.filter((item) => item.roles.includes(role));
}

export function rolesOf(to: string): readonly Role[] {
  return NAV.find((item) => item.to === to)?.roles ?? [];
}
