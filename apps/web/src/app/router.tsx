import {
  createRootRoute,
  createRoute,
  createRouter,
  Navigate,
  Outlet,
  useRouterState,
} from '@tanstack/react-router';
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense, type ComponentType } from 'react';
import { useIntl } from 'react-intl';
import { NotFound } from '../components/NotFound';
import { RoleGate } from '../components/RoleGate';
import { SignInPage } from '../features/auth/SignInPage';
import { SetPasswordPage } from '../features/account/SetPasswordPage';
import { MyCasesPage } from '../features/cases/MyCasesPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { MyTasksPage } from '../features/tasks/MyTasksPage';
import { useMe, useSession } from '../lib/session/session';
import { navFor, rolesOf } from './nav';
import { Shell } from './Shell';

/**
 * Signed out, every URL shows the sign-in page (the URL stays, so after signing in she is
 * where she meant to go, and nothing is put into the URL to remember it).
 */
function Loading({ fullPage = false }: { readonly fullPage?: boolean }) {
  const intl = useIntl();
  return (
    <Center h={fullPage ? '100vh' : undefined} p="xl">
      <Loader aria-label={intl.formatMessage({ id: 'common.loading' })} />
    </Center>
  );
}

/** Opened from an invitation or reset link: signed in or not, the link's page shows. */
const SET_PASSWORD_PATH = '/set-password';

function Root() {
  const { state } = useSession();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  if (pathname === SET_PASSWORD_PATH) return <SetPasswordPage />;
  if (state.status === 'loading') return <Loading fullPage />;
  if (state.status === 'signedOut') return <SignInPage />;
  return <Shell />;
}

/** `/` opens the first screen of her role. */
function Home() {
  const first = navFor(useMe().role)[0];
  return first ? <Navigate to={first.to} replace /> : <Outlet />;
}

const rootRoute = createRootRoute({ component: Root, notFoundComponent: NotFound });

/** A route whose screen only some roles may see (the roles of its navigation entry). */
function gated(path: string, Screen: ComponentType, roles = rolesOf(path)) {
  return createRoute({
    getParentRoute: () => rootRoute,
    path,
    component: () => (
      <RoleGate roles={roles}>
        <Suspense fallback={<Loading />}>
          <Screen />
        </Suspense>
      </RoleGate>
    ),
  });
}

// Screens loaded on first visit: the sign-in route and the daily lists stay small (charts,
// forms and the case page come later). Add heavy screens here, light ones as plain imports.
const CasePage = lazy(() =>
  import('../features/case-page/CasePage').then((m) => ({ default: m.CasePage })),
);
const OpenCasePage = lazy(() =>
  import('../features/open-case/OpenCasePage').then((m) => ({ default: m.OpenCasePage })),
);
const SupervisionPage = lazy(() =>
  import('../features/supervision/SupervisionPage').then((m) => ({ default: m.SupervisionPage })),
);
const CoordinationPage = lazy(() =>
  import('../features/coordination/CoordinationPage').then((m) => ({
    default: m.CoordinationPage,
  })),
);
const StatisticsPage = lazy(() =>
  import('../features/statistics/StatisticsPage').then((m) => ({ default: m.StatisticsPage })),
);
const AdminPage = lazy(() =>
  import('../features/admin/AdminPage').then((m) => ({ default: m.AdminPage })),
);
const ChangePasswordPage = lazy(() =>
  import('../features/account/ChangePasswordPage').then((m) => ({
    default: m.ChangePasswordPage,
  })),
);
const SecurityPage = lazy(() =>
  import('../features/account/SecurityPage').then((m) => ({ default: m.SecurityPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })),
);

const ReceivedReferralsPage = lazy(() =>
  import('../features/referrals/ReceivedReferralsPage').then((m) => ({
    default: m.ReceivedReferralsPage,
  })),
);
const ReceivedReferralPage = lazy(() =>
  import('../features/referrals/ReceivedReferralPage').then((m) => ({
    default: m.ReceivedReferralPage,
  })),
);

const TransfersPage = lazy(() =>
  import('../features/transfers/TransfersPage').then((m) => ({ default: m.TransfersPage })),
);

const NotificationSettingsPage = lazy(() =>
  import('../features/settings/NotificationSettingsPage').then((m) => ({
    default: m.NotificationSettingsPage,
  })),
);

const caseRoles = rolesOf('/cases');

const routeTree = rootRoute.addChildren([
  createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home }),
  gated('/cases', MyCasesPage),
  // Before /cases/$caseId: "new" is not a case id.
  gated('/cases/new', OpenCasePage, caseRoles),
  gated('/cases/$caseId', CasePage, [...caseRoles, 'coordinator', 'auditor']),
  gated('/tasks', MyTasksPage),
  gated('/inbox', InboxPage),
  gated('/referrals/received', ReceivedReferralsPage),
  gated('/referrals/received/$caseId/$referralId', ReceivedReferralPage, caseRoles),
  gated('/transfers', TransfersPage),
  gated('/supervision', SupervisionPage),
  gated('/coordination', CoordinationPage),
  gated('/statistics', StatisticsPage),
  gated('/audit', AuditPage),
  gated('/admin', AdminPage),
  gated('/account/security', SecurityPage, [
    'caseworker',
    'supervisor',
    'coordinator',
    'admin',
    'auditor',
  ]),
  gated('/account/password', ChangePasswordPage, [
    'caseworker',
    'supervisor',
    'coordinator',
    'admin',
    'auditor',
  ]),
  // Every signed-in role: her own e-mail preferences (and, with deadlines, her calendar feed).
  gated('/settings/notifications', NotificationSettingsPage, [
    'caseworker',
    'supervisor',
    'coordinator',
    'admin',
    'auditor',
  ]),
]);

export const router = createRouter({ routeTree, defaultNotFoundComponent: NotFound });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
