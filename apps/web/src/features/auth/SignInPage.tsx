import {
  Alert,
  Anchor,
  Button,
  Container,
  NativeSelect,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiProblem } from '../../lib/api/problem';
import { useLocale } from '../../lib/i18n/IntlRoot';
import { isLocale, languageName, LOCALES, type Locale } from '../../lib/i18n/locales';
import { type SignInStep, useSession } from '../../lib/session/session';
import { EnrolmentStep } from './EnrolmentStep';
import { SecondFactorStep } from './SecondFactorStep';
import { ForgotPassword } from './ForgotPassword';

/**
 * Sign in with a local account (and, when configured, with the organisation's identity
 * provider). The language chosen here applies at once and is saved to her account after
 * sign-in; left untouched, the account's language applies.
 */
export function SignInPage() {
  const intl = useIntl();
  const { signIn, completeSignIn, config, state } = useSession();
  // After the password: the second factor, or setting one up (nothing stored in the browser).
  const [step, setStep] = useState<SignInStep | null>(null);
  const { locale, setLocale } = useLocale();
  const [chosen, setChosen] = useState<Locale | undefined>();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  // The organisation's sign-in (OIDC) comes back to /?signin=failed when it did not work.
  const [error, setError] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('signin') === 'failed'
      ? 'signIn.organisationFailed'
      : null,
  );
  const [forgot, setForgot] = useState(false);
  const reason = state.status === 'signedOut' ? state.reason : undefined;

  useEffect(() => {
    document.title = `${intl.formatMessage({ id: 'signIn.title' })} · Ariadne`;
  }, [intl]);

  // Said once: the marker leaves the address bar (and the history entry) at once.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (!params.has('signin')) return;
    params.delete('signin');
    const rest = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (rest ? `?${rest}` : ''));
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!login || !password) {
      setError('signIn.missing');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const next = await signIn(login, password, chosen);
      if (next) {
        setPassword('');
        setStep(next);
      }
    } catch (err) {
      setPassword('');
      setError(
        err instanceof ApiProblem && err.status === 429
          ? 'signIn.tooMany'
          : err instanceof ApiProblem && (err.status === 401 || err.status === 400)
            ? 'signIn.invalid'
            : 'problem.network',
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container size={420} py="xl" component="main" id="main">
      <Title order={1} ta="center" mb="xs">
        Ariadne
      </Title>
      <Text ta="center" c="dimmed" mb="lg">
        <FormattedMessage id="signIn.title" />
      </Text>
      <Paper withBorder p="lg" radius="md">
        {step?.kind === 'second-factor' ? (
          <SecondFactorStep
            challengeToken={step.challengeToken}
            methods={step.methods}
            onSignedIn={(token) => completeSignIn(token, chosen)}
            onRestart={() => setStep(null)}
          />
        ) : step?.kind === 'enrolment' ? (
          <EnrolmentStep
            challengeToken={step.challengeToken}
            onSignedIn={(token) => completeSignIn(token, chosen)}
            onRestart={() => setStep(null)}
          />
        ) : forgot ? (
          <ForgotPassword onBack={() => setForgot(false)} />
        ) : (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack>
              {reason === 'idle' && (
                <Alert color="blue" role="status">
                  <FormattedMessage id="signIn.idle" />
                </Alert>
              )}
              {reason === 'expired' && (
                <Alert color="blue" role="status">
                  <FormattedMessage id="signIn.expired" />
                </Alert>
              )}
              {error && (
                <Alert color="red" role="alert">
                  <FormattedMessage id={error} />
                </Alert>
              )}
              <NativeSelect
                label={intl.formatMessage({ id: 'shell.language' })}
                value={locale}
                data={LOCALES.map((l) => ({ value: l, label: languageName(l) }))}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  if (isLocale(value)) {
                    setChosen(value);
                    setLocale(value);
                  }
                }}
              />
              {config.local && (
                <>
                  <TextInput
                    label={intl.formatMessage({ id: 'signIn.login' })}
                    autoComplete="username"
                    required
                    withAsterisk={false}
                    value={login}
                    onChange={(e) => setLogin(e.currentTarget.value)}
                  />
                  <PasswordInput
                    label={intl.formatMessage({ id: 'signIn.password' })}
                    autoComplete="current-password"
                    // Not "…password": the field's label alone must match "Password".
                    visibilityToggleButtonProps={{
                      'aria-label': intl.formatMessage({ id: 'signIn.reveal' }),
                    }}
                    required
                    withAsterisk={false}
                    value={password}
                    onChange={(e) => setPassword(e.currentTarget.value)}
                  />
                  <Button type="submit" loading={busy}>
                    <FormattedMessage id="signIn.submit" />
                  </Button>
                  <Anchor
                    component="button"
                    type="button"
                    ta="center"
                    onClick={() => setForgot(true)}
                  >
                    <FormattedMessage id="signIn.forgot" />
                  </Anchor>
                </>
              )}
              {config.oidc.enabled && (
                <Anchor href="/api/v1/auth/oidc/start" ta="center">
                  <FormattedMessage id="signIn.oidc" />
                </Anchor>
              )}
            </Stack>
          </form>
        )}
      </Paper>
    </Container>
  );
}
