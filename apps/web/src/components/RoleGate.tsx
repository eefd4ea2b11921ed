import type { ReactNode } from 'react';
import { useMe, type Role } from '../lib/session/session';
import { NotFound } from './NotFound';

/** A screen for some roles only; for anyone else it does not exist (same page as a 404). */
export function RoleGate({
  roles,
  children,
}: {
  readonly roles: readonly Role[];
  readonly children: ReactNode;
}) {
  const me = useMe();
  return roles.includes(me.role) ? <>{children}</> : <NotFound />;
}
