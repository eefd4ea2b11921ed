import { Alert, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import type { startRegistration } from '@simplewebauthn/browser';
import { useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  type SignedInWithCodes,
  signInStep,
  stepProblemId,
  type TotpEnrolment,
} from '../../lib/api/second-factor';
import { RecoveryCodes } from '../../components/second-factor/RecoveryCodes';
import { TotpSetup } from '../../components/second-factor/TotpSetup';

type RegistrationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

/**
 * Her role or organisation requires a second factor and she has none: before anything else she
 * sets one up (an authenticator app, or a passkey), sees her recovery codes once, and is then
 * signed in.
 */
export function EnrolmentStep({
  challengeToken,
  onSignedIn,
  onRestart,
}: {
  readonly challengeToken: string;
  readonly onSignedIn: (accessToken: string) => Promise<void>;
  readonly onRestart: () => void;
}) {
  const intl = useIntl();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [done, setDone] = useState<SignedInWithCodes | null>(null);
  const [passkeyName, setPasskeyName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const startTotp = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(
        await signInStep<TotpEnrolment>('/api/v1/auth/login/enrolment/totp', { challengeToken }),
      );
    } catch (err) {
      setError(stepProblemId(err));
    } finally {
      setBusy(false);
    }
  };

  const finish = async (result: SignedInWithCodes) => {
    if (result.recoveryCodes?.length) setDone(result);
    else await onSignedIn(result.accessToken);
  };

  const addPasskey = async () => {
    setBusy(true);
    setError(null);
    try {
      const { options } = await signInStep<{ options: RegistrationOptions }>(
        '/api/v1/auth/login/enrolment/passkey-options',
        { challengeToken },
      );
      const { startRegistration: register } = await import('@simplewebauthn/browser');
      const response = await register({ optionsJSON: options });
      await finish(
        await signInStep<SignedInWithCodes>('/api/v1/auth/login/enrolment/passkey', {
          challengeToken,
          name: passkeyName.trim() || intl.formatMessage({ id: 'secondFactor.passkeyDefaultName' }),
          response,
        }),
      );
    } catch (err) {
      setError(stepProblemId(err));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <RecoveryCodes
        codes={done.recoveryCodes ?? []}
        onDone={() => void onSignedIn(done.accessToken)}
      />
    );
  }
  return (
    <Stack>
      <Title order={2} size="h3">
        <FormattedMessage id="secondFactor.enrolTitle" />
      </Title>
      <Text size="sm">
        <FormattedMessage id="secondFactor.enrolHelp" />
      </Text>
      {error && (
        <Alert color="red" role="alert">
          <FormattedMessage id={error} />
        </Alert>
      )}
      {error === 'secondFactor.expired' ? (
        <Button onClick={onRestart}>
          <FormattedMessage id="signIn.back" />
        </Button>
      ) : enrolment ? (
        <TotpSetup
          enrolment={enrolment}
          confirm={async (code) =>
            finish(
              await signInStep<SignedInWithCodes>('/api/v1/auth/login/enrolment/totp/confirm', {
                challengeToken,
                code,
              }),
            )
          }
        />
      ) : (
        <>
          <Button onClick={() => void startTotp()} loading={busy}>
            <FormattedMessage id="secondFactor.setUpApp" />
          </Button>
          {typeof window.PublicKeyCredential === 'function' && (
            <Stack gap="xs">
              <TextInput
                label={intl.formatMessage({ id: 'secondFactor.passkeyName' })}
                maxLength={64}
                value={passkeyName}
                onChange={(e) => setPasskeyName(e.currentTarget.value)}
              />
              <Button variant="default" onClick={() => void addPasskey()} disabled={busy}>
                <FormattedMessage id="secondFactor.addPasskey" />
              </Button>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
