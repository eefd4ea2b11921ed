import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import type { startAuthentication } from '@simplewebauthn/browser';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { signInStep, stepProblemId } from '../../lib/api/second-factor';

type Mode = 'totp' | 'recovery-code';

/**
 * The second step of her sign-in: the code of her authenticator app, one of her recovery codes,
 * or a passkey. `onSignedIn` gets the access token (the refresh cookie is set by then);
 * `onRestart` goes back to the password when the step has expired.
 */
export function SecondFactorStep({
  challengeToken,
  methods,
  onSignedIn,
  onRestart,
}: {
  readonly challengeToken: string;
  readonly methods: readonly string[];
  readonly onSignedIn: (accessToken: string) => Promise<void>;
  readonly onRestart: () => void;
}) {
  const intl = useIntl();
  const [mode, setMode] = useState<Mode>(methods.includes('totp') ? 'totp' : 'recovery-code');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const prove = async (proof: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const { accessToken } = await signInStep<{ accessToken: string }>(
        '/api/v1/auth/login/second-factor',
        { challengeToken, ...proof },
      );
      await onSignedIn(accessToken);
    } catch (err) {
      setValue('');
      setError(stepProblemId(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const typed = value.trim();
    if (!typed) {
      setError(mode === 'totp' ? 'secondFactor.codeFormat' : 'secondFactor.recoveryMissing');
      return;
    }
    void prove(mode === 'totp' ? { totp: typed } : { recoveryCode: typed });
  };

  const passkey = async () => {
    setBusy(true);
    setError(null);
    try {
      const { options } = await signInStep<{
        options: Parameters<typeof startAuthentication>[0]['optionsJSON'];
      }>('/api/v1/auth/login/second-factor/passkey-options', { challengeToken });
      const { startAuthentication: authenticate } = await import('@simplewebauthn/browser');
      const webauthn = await authenticate({ optionsJSON: options });
      setBusy(false);
      await prove({ webauthn });
    } catch (err) {
      setError(stepProblemId(err));
      setBusy(false);
    }
  };

  const expired = error === 'secondFactor.expired';
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h3">
          <FormattedMessage id="secondFactor.title" />
        </Title>
        <Text size="sm">
          <FormattedMessage
            id={mode === 'totp' ? 'secondFactor.totpHelp' : 'secondFactor.recoveryUseHelp'}
          />
        </Text>
        {error && (
          <Alert color="red" role="alert">
            <FormattedMessage id={error} />
          </Alert>
        )}
        {expired ? (
          <Button onClick={onRestart}>
            <FormattedMessage id="signIn.back" />
          </Button>
        ) : (
          <>
            {mode === 'totp' ? (
              <TextInput
                key="totp"
                label={intl.formatMessage({ id: 'secondFactor.code' })}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={9}
                data-autofocus
                value={value}
                onChange={(e) => setValue(e.currentTarget.value)}
              />
            ) : (
              <TextInput
                key="recovery"
                label={intl.formatMessage({ id: 'secondFactor.recoveryCode' })}
                autoComplete="off"
                spellCheck={false}
                maxLength={16}
                value={value}
                onChange={(e) => setValue(e.currentTarget.value)}
              />
            )}
            <Button type="submit" loading={busy}>
              <FormattedMessage id="secondFactor.verify" />
            </Button>
            {methods.includes('webauthn') && (
              <Button variant="default" onClick={() => void passkey()} disabled={busy}>
                <FormattedMessage id="secondFactor.usePasskey" />
              </Button>
            )}
            {mode === 'totp' && methods.includes('recovery-code') && (
              <Anchor component="button" type="button" onClick={() => setMode('recovery-code')}>
                <FormattedMessage id="secondFactor.useRecovery" />
              </Anchor>
            )}
            {mode === 'recovery-code' && methods.includes('totp') && (
              <Anchor component="button" type="button" onClick={() => setMode('totp')}>
                <FormattedMessage id="secondFactor.useTotp" />
              </Anchor>
            )}
            <Anchor component="button" type="button" onClick={onRestart}>
              <FormattedMessage id="signIn.back" />
            </Anchor>
          </>
        )}
      </Stack>
    </form>
  );
}
