import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import type { startRegistration } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { PageTitle } from '../../components/PageTitle';
import { requestJson } from '../../lib/api/client';
import { stepProblemId, type TotpEnrolment } from '../../lib/api/second-factor';
import { RecoveryCodes } from '../../components/second-factor/RecoveryCodes';
import { TotpSetup } from '../../components/second-factor/TotpSetup';

interface Passkey {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

interface Status {
  readonly required: boolean;
  readonly totp: boolean;
  readonly recoveryCodesLeft: number;
  readonly passkeys: readonly Passkey[];
}

type RegistrationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];
const STATUS = ['second-factor'] as const;

/**
 * Her sign-in security: the authenticator app (set up, turn off when not required), recovery
 * codes (how many are left, new ones), passkeys (add, remove).
 */
export function SecurityPage() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: STATUS,
    queryFn: () => requestJson<Status>('GET', '/api/v1/auth/second-factor'),
  });
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const [passkeyName, setPasskeyName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: STATUS });
  const run = (fn: () => Promise<void>) => async () => {
    setError(null);
    setNotice(null);
    try {
      await fn();
    } catch (err) {
      setError(
        (err as { status?: number }).status === 409
          ? 'secondFactor.stillRequired'
          : stepProblemId(err),
      );
    } finally {
      await refresh();
    }
  };

  const startTotp = useMutation({
    mutationFn: run(async () =>
      setEnrolment(await requestJson<TotpEnrolment>('POST', '/api/v1/auth/second-factor/totp')),
    ),
  });
  const disableTotp = useMutation({
    mutationFn: run(async () => {
      await requestJson<void>('DELETE', '/api/v1/auth/second-factor/totp');
      setNotice('secondFactor.appOff');
    }),
  });
  const regenerate = useMutation({
    mutationFn: run(async () => {
      const r = await requestJson<{ recoveryCodes: string[] }>(
        'POST',
        '/api/v1/auth/second-factor/recovery-codes',
      );
      setCodes(r.recoveryCodes);
    }),
  });
  const addPasskey = useMutation({
    mutationFn: run(async () => {
      const { options } = await requestJson<{ options: RegistrationOptions }>(
        'POST',
        '/api/v1/auth/second-factor/passkeys/options',
      );
      const { startRegistration: register } = await import('@simplewebauthn/browser');
      const response = await register({ optionsJSON: options });
      const created = await requestJson<{ recoveryCodes: string[] | null }>(
        'POST',
        '/api/v1/auth/second-factor/passkeys',
        {
          body: {
            name:
              passkeyName.trim() || intl.formatMessage({ id: 'secondFactor.passkeyDefaultName' }),
            response,
          },
        },
      );
      setPasskeyName('');
      setNotice('secondFactor.passkeyAdded');
      if (created.recoveryCodes) setCodes(created.recoveryCodes);
    }),
  });
  const removePasskey = useMutation({
    mutationFn: (id: string) =>
      run(async () => {
        await requestJson<void>(
          'DELETE',
          `/api/v1/auth/second-factor/passkeys/${encodeURIComponent(id)}`,
        );
        setNotice('secondFactor.passkeyRemoved');
      })(),
  });

  if (codes) {
    return (
      <>
        <PageTitle id="secondFactor.pageTitle" />
        <Paper withBorder p="lg" radius="md" maw={560}>
          <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
        </Paper>
      </>
    );
  }

  const s = status.data;
  const factors = s ? Number(s.totp) + s.passkeys.length : 0;
  return (
    <>
      <PageTitle id="secondFactor.pageTitle" />
      <Stack maw={720}>
        {status.isError && (
          <Alert color="red" role="alert">
            <FormattedMessage id="problem.network" />
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert">
            <FormattedMessage id={error} />
          </Alert>
        )}
        {notice && (
          <Alert color="green" role="status">
            <FormattedMessage id={notice} />
          </Alert>
        )}
        {s?.required && (
          <Text>
            <FormattedMessage id="secondFactor.requiredNote" />
          </Text>
        )}
        {s && (
          <>
            <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="sf-app">
              <Stack>
                <Group justify="space-between">
                  <Title order={2} size="h4" id="sf-app">
                    <FormattedMessage id="secondFactor.app" />
                  </Title>
                  <Text fw={700}>
                    <FormattedMessage id={s.totp ? 'secondFactor.on' : 'secondFactor.off'} />
                  </Text>
                </Group>
                {s.totp ? (
                  !(s.required && factors === 1) && (
                    <Button
                      variant="default"
                      color="red"
                      onClick={() => disableTotp.mutate()}
                      loading={disableTotp.isPending}
                    >
                      <FormattedMessage id="secondFactor.turnOff" />
                    </Button>
                  )
                ) : enrolment ? (
                  <TotpSetup
                    enrolment={enrolment}
                    confirm={async (code) => {
                      const r = await requestJson<{ recoveryCodes: string[] | null }>(
                        'POST',
                        '/api/v1/auth/second-factor/totp/confirm',
                        { body: { code } },
                      );
                      setEnrolment(null);
                      setNotice('secondFactor.appOn');
                      if (r.recoveryCodes) setCodes(r.recoveryCodes);
                      await refresh();
                    }}
                  />
                ) : (
                  <Button onClick={() => startTotp.mutate()} loading={startTotp.isPending}>
                    <FormattedMessage id="secondFactor.setUpApp" />
                  </Button>
                )}
              </Stack>
            </Paper>

            <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="sf-codes">
              <Stack>
                <Title order={2} size="h4" id="sf-codes">
                  <FormattedMessage id="secondFactor.recoveryTitle" />
                </Title>
                <Text>
                  <FormattedMessage
                    id="secondFactor.recoveryLeft"
                    values={{ count: s.recoveryCodesLeft }}
                  />
                </Text>
                {factors > 0 && (
                  <Button
                    variant="default"
                    onClick={() => regenerate.mutate()}
                    loading={regenerate.isPending}
                  >
                    <FormattedMessage id="secondFactor.regenerate" />
                  </Button>
                )}
              </Stack>
            </Paper>

            <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="sf-passkeys">
              <Stack>
                <Title order={2} size="h4" id="sf-passkeys">
                  <FormattedMessage id="secondFactor.passkeys" />
                </Title>
                {s.passkeys.length === 0 ? (
                  <Text c="dimmed">
                    <FormattedMessage id="secondFactor.noPasskeys" />
                  </Text>
                ) : (
                  <Table>
                    <Table.Caption>
                      <FormattedMessage id="secondFactor.passkeys" />
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>
                          <FormattedMessage id="secondFactor.passkeyName" />
                        </Table.Th>
                        <Table.Th>
                          <FormattedMessage id="secondFactor.added" />
                        </Table.Th>
                        <Table.Th>
                          <FormattedMessage id="secondFactor.lastUsed" />
                        </Table.Th>
                        <Table.Th>
                          <FormattedMessage id="secondFactor.actions" />
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {s.passkeys.map((p) => (
                        <Table.Tr key={p.id}>
                          <Table.Td>{p.name}</Table.Td>
                          <Table.Td>
                            <FormattedDate value={p.createdAt} dateStyle="medium" />
                          </Table.Td>
                          <Table.Td>
                            {p.lastUsedAt ? (
                              <FormattedDate value={p.lastUsedAt} dateStyle="medium" />
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                          <Table.Td>
                            {!(s.required && factors === 1) && (
                              <Button
                                size="xs"
                                variant="default"
                                onClick={() => removePasskey.mutate(p.id)}
                                aria-label={intl.formatMessage(
                                  { id: 'secondFactor.removePasskey' },
                                  { name: p.name },
                                )}
                              >
                                <FormattedMessage id="secondFactor.remove" />
                              </Button>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                )}
                {typeof window.PublicKeyCredential === 'function' && (
                  <Group align="end">
                    <TextInput
                      label={intl.formatMessage({ id: 'secondFactor.passkeyName' })}
                      maxLength={64}
                      value={passkeyName}
                      onChange={(e) => setPasskeyName(e.currentTarget.value)}
                    />
                    <Button
                      variant="default"
                      onClick={() => addPasskey.mutate()}
                      loading={addPasskey.isPending}
                    >
                      <FormattedMessage id="secondFactor.addPasskey" />
                    </Button>
                  </Group>
                )}
              </Stack>
            </Paper>
          </>
        )}
      </Stack>
    </>
  );
}
