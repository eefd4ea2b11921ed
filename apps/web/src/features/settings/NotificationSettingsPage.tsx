import {
  Alert,
  Button,
  CopyButton,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { requestJson } from '../../lib/api/client';
import { useMe } from '../../lib/session/session';

const KINDS = ['reminder', 'escalation', 'stall', 'consent-expiry', 'referral'] as const;
type Kind = (typeof KINDS)[number];
const MODES = ['immediate', 'digest', 'none'] as const;
type Mode = (typeof MODES)[number];

interface Preferences {
  readonly kinds: Record<Kind, Mode>;
  readonly digestHour: number;
  readonly timeZone: string;
  readonly hasAddress: boolean;
}

const KIND_LABEL: Record<Kind, string> = {
  reminder: 'settings.kind.reminder',
  escalation: 'settings.kind.escalation',
  stall: 'settings.kind.stall',
  'consent-expiry': 'settings.kind.consentExpiry',
  referral: 'settings.kind.referral',
};
const MODE_LABEL: Record<Mode, string> = {
  immediate: 'settings.mode.immediate',
  digest: 'settings.mode.digest',
  none: 'settings.mode.none',
};

/** Her e-mail per kind of notification, her digest hour, and her calendar feed. */
export function NotificationSettingsPage() {
  const me = useMe();
  const hasDeadlines = me.role === 'caseworker' || me.role === 'supervisor';
  const query = useQuery({
    queryKey: ['notification-preferences'],
    queryFn: () => requestJson<Preferences>('GET', '/api/v1/me/notification-preferences'),
  });
  return (
    <>
      <PageTitle id="settings.notifications" />
      <Text mb="md">
        <FormattedMessage id="settings.intro" />
      </Text>
      <QueryState query={query}>{(data) => <PreferencesForm initial={data} />}</QueryState>
      {hasDeadlines && <CalendarFeed />}
    </>
  );
}

function PreferencesForm({ initial }: { readonly initial: Preferences }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const [kinds, setKinds] = useState(initial.kinds);
  const [hour, setHour] = useState(initial.digestHour);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      requestJson<Preferences>('PUT', '/api/v1/me/notification-preferences', {
        body: { kinds, digestHour: hour },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(['notification-preferences'], data);
      setSaved(true);
    },
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="md" maw={720}>
        {!initial.hasAddress && (
          <Alert color="yellow">
            <FormattedMessage id="settings.noAddress" />
          </Alert>
        )}
        <Title order={2} size="h3">
          <FormattedMessage id="settings.caption" />
        </Title>
        {KINDS.map((kind) => (
          <Radio.Group
            key={kind}
            label={intl.formatMessage({ id: KIND_LABEL[kind] })}
            value={kinds[kind]}
            onChange={(v) => {
              setSaved(false);
              setKinds((k) => ({ ...k, [kind]: v as Mode }));
            }}
            description={
              kind === 'escalation'
                ? intl.formatMessage({ id: 'settings.escalationLocked' })
                : undefined
            }
          >
            <Group gap="md" mt="xs">
              {MODES.filter((m) => kind !== 'escalation' || m !== 'none').map((m) => (
                <Radio key={m} value={m} label={intl.formatMessage({ id: MODE_LABEL[m] })} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <NativeSelect
          label={intl.formatMessage({ id: 'settings.digestHour' })}
          description={intl.formatMessage(
            { id: 'settings.digestHourHelp' },
            { timeZone: initial.timeZone },
          )}
          maw={240}
          value={String(hour)}
          data={Array.from({ length: 24 }, (_, h) => ({
            value: String(h),
            label: `${String(h).padStart(2, '0')}:00`,
          }))}
          onChange={(e) => {
            setSaved(false);
            setHour(Number(e.currentTarget.value));
          }}
        />
        {save.error && <ProblemAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            <FormattedMessage id="settings.save" />
          </Button>
          {saved && (
            <Text role="status">
              <FormattedMessage id="settings.saved" />
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function CalendarFeed() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  // The URL is shown once, held only in this component's state (never stored).
  const [url, setUrl] = useState<string | undefined>();
  const state = useQuery({
    queryKey: ['calendar-feed'],
    queryFn: () => requestJson<{ active: boolean }>('GET', '/api/v1/me/calendar-feed'),
  });
  const create = useMutation({
    mutationFn: () => requestJson<{ url: string }>('POST', '/api/v1/me/calendar-feed'),
    onSuccess: (data) => {
      setUrl(data.url);
      void queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  const revoke = useMutation({
    mutationFn: () => requestJson<undefined>('DELETE', '/api/v1/me/calendar-feed'),
    onSuccess: () => {
      setUrl(undefined);
      void queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
    },
  });
  return (
    <Stack gap="sm" mt="xl" maw={720}>
      <Title order={2} size="h3">
        <FormattedMessage id="settings.calendar" />
      </Title>
      <Text>
        <FormattedMessage id="settings.calendarIntro" />
      </Text>
      <QueryState query={state}>
        {(s) => (
          <Stack gap="sm">
            <Text role="status">
              <FormattedMessage
                id={s.active ? 'settings.calendarActive' : 'settings.calendarNone'}
              />
            </Text>
            {url && (
              <Group align="end">
                <TextInput
                  readOnly
                  label={intl.formatMessage({ id: 'settings.calendarUrl' })}
                  value={url}
                  style={{ flex: 1 }}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton value={url}>
                  {({ copied, copy }) => (
                    <Button variant="default" onClick={copy}>
                      <FormattedMessage id={copied ? 'settings.copied' : 'settings.copy'} />
                    </Button>
                  )}
                </CopyButton>
              </Group>
            )}
            {(create.error ?? revoke.error) && (
              <ProblemAlert error={create.error ?? revoke.error} />
            )}
            <Group>
              <Button onClick={() => create.mutate()} loading={create.isPending}>
                <FormattedMessage
                  id={s.active ? 'settings.calendarRotate' : 'settings.calendarCreate'}
                />
              </Button>
              {s.active && (
                <Button
                  color="red"
                  variant="light"
                  onClick={() => revoke.mutate()}
                  loading={revoke.isPending}
                >
                  <FormattedMessage id="settings.calendarRevoke" />
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
