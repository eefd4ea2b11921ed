import { Alert, Anchor, Button, Container, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { requestJson } from '../../lib/api/client';
import { NewPasswordFields } from './NewPasswordFields';
import { MIN_PASSWORD_LENGTH, passwordLength, passwordProblemId } from './passwordProblem';

/**
 * Reads the token of an invitation or reset link from the URL fragment once, then takes it out
 * of the address bar (and history) at once, so it is neither shown, bookmarked nor sent on.
 */
function useTokenFromFragment(): string | null {
  const [token] = useState(() => {
    const value = new URLSearchParams(window.location.hash.slice(1)).get('token');
    if (window.location.hash) {
      window.history.replaceState(null, '', window.location.pathname);
    }
    return value;
  });
  return token;
}

/** "Set your password", from an invitation or a reset link (signed out). */
export function SetPasswordPage() {
  const intl = useIntl();
  const token = useTokenFromFragment();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const set = useMutation({
    mutationFn: () =>
      requestJson<void>('POST', '/api/v1/auth/password', {
        body: { token, newPassword: password },
      }),
  });
  useEffect(() => {
    document.title = `${intl.formatMessage({ id: 'password.title' })} · Ariadne`;
  }, [intl]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (passwordLength(password) < MIN_PASSWORD_LENGTH) return setLocalError('password.tooShort');
    if (password !== repeat) return setLocalError('password.mismatch');
    setLocalError(undefined);
    set.mutate();
  };
  const serverError = passwordProblemId(set.error);
  const fieldError =
    localError ?? (serverError !== 'password.tokenInvalid' ? serverError : undefined);

  return (
    <Container size={460} py="xl" component="main" id="main">
      <Title order={1} ta="center" mb="lg">
        <FormattedMessage id="password.title" />
      </Title>
      <Paper withBorder p="lg" radius="md">
        {set.isSuccess ? (
          <Stack>
            <Alert color="green" role="status">
              <FormattedMessage id="password.done" />
            </Alert>
            <Anchor href="/">
              <FormattedMessage id="password.toSignIn" />
            </Anchor>
          </Stack>
        ) : !token || serverError === 'password.tokenInvalid' ? (
          <Stack>
            <Alert color="red" role="alert">
              <FormattedMessage id={token ? 'password.tokenInvalid' : 'password.noToken'} />
            </Alert>
            <Anchor href="/">
              <FormattedMessage id="password.toSignIn" />
            </Anchor>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              {fieldError && (
                <Alert color="red" role="alert">
                  <FormattedMessage id={fieldError} />
                </Alert>
              )}
              {set.isError && !serverError && (
                <Alert color="red" role="alert">
                  <FormattedMessage id="problem.network" />
                </Alert>
              )}
              <NewPasswordFields
                value={password}
                repeat={repeat}
                onChange={setPassword}
                onRepeatChange={setRepeat}
                error={fieldError ? intl.formatMessage({ id: fieldError }) : undefined}
              />
              <Text size="xs" c="dimmed">
                <FormattedMessage id="password.afterSet" />
              </Text>
              <Button type="submit" loading={set.isPending}>
                <FormattedMessage id="password.submit" />
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
    </Container>
  );
}
