import { AppShell, Burger, Button, Group, NativeSelect, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ButtonLink } from '../components/Links';
import { IdleSignOut } from '../features/auth/IdleSignOut';
import { useLocale } from '../lib/i18n/IntlRoot';
import { isLocale, languageName, LOCALES } from '../lib/i18n/locales';
import { familyMessageId } from '../lib/i18n/dynamic';
import { useMe, useSession } from '../lib/session/session';
import { navFor } from './nav';
import classes from './Shell.module.css';

/**
 * The signed-in frame: a skip link, the header (who, language, sign out), the navigation of her
 * role and the main landmark. After each navigation focus moves to <main>, so that keyboard and
 * screen-reader users start at the new page's content.
 */
export function Shell() {
  const intl = useIntl();
  const me = useMe();
  const { signOut, changeLocale } = useSession();
  const { locale } = useLocale();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    close();
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname, close]);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className={classes.skip}>
        <FormattedMessage id="shell.skipToMain" />
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={intl.formatMessage({ id: 'shell.menu' })}
            />
            <Text fw={700} size="lg">
              Ariadne
            </Text>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {me.displayName ?? intl.formatMessage({ id: familyMessageId('role', me.role) })}
              {me.organisationName ? ` · ${me.organisationName}` : ''}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NativeSelect
              size="xs"
              label={intl.formatMessage({ id: 'shell.language' })}
              classNames={{ root: classes.inlineSelect }}
              value={locale}
              data={LOCALES.map((l) => ({ value: l, label: languageName(l) }))}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isLocale(value)) void changeLocale(value);
              }}
            />
            <ButtonLink to="/settings/notifications" variant="subtle" size="xs">
              <FormattedMessage id="shell.notificationSettings" />
            </ButtonLink>
            <ButtonLink to="/account/password" variant="subtle" size="xs">
              <FormattedMessage id="password.change" />
            </ButtonLink>
            <ButtonLink to="/account/security" variant="subtle" size="xs">
              <FormattedMessage id="secondFactor.pageTitle" />
            </ButtonLink>
            <Button variant="default" size="xs" onClick={() => void signOut('user')}>
              <FormattedMessage id="shell.signOut" />
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={intl.formatMessage({ id: 'shell.navigation' })}>
        {navFor(me.role).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={intl.formatMessage({ id: item.labelId })}
            variant="filled"
            active={pathname === item.to || pathname.startsWith(`${item.to}/`)}
            aria-current={pathname === item.to ? 'page' : undefined}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" ref={main} tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
      <IdleSignOut />
    </AppShell>
  );
}
