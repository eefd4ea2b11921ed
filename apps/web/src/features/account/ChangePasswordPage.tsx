import { Alert, Button, Paper, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { PageTitle } from '../../components/PageTitle';
import { requestJson } from '../../lib/api/client';
import { NewPasswordFields } from './NewPasswordFields';
import { MIN_PASSWORD_LENGTH, passwordLength, passwordProblemId } from './passwordProblem';

/** "Change password" (signed in): the current one, then the new one; other sessions end. */
export function ChangePasswordPage() {
  const intl = useIntl();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [localError, setLocalError] = useState<string | undefined>();
  const change = useMutation({
    mutationFn: () =>
      requestJson<void>('POST', '/api/v1/auth/me/password', {
        body: { currentPassword: current, newPassword: password },
      }),
    onSuccess: () => {
      setCurrent('');
      setPassword('');
      setRepeat('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (passwordLength(password) < MIN_PASSWORD_LENGTH) return setLocalError('password.tooShort');
    if (password !== repeat) return setLocalError('password.mismatch');
    setLocalError(undefined);
    change.mutate();
  };
  const serverError = passwordProblemId(change.error);
  const newError =
    localError ?? (serverError !== 'password.currentWrong' ? serverError : undefined);

  return (
    <>
      <PageTitle id="password.change" />
      <Paper withBorder p="lg" radius="md" maw={480}>
        <form onSubmit={submit} noValidate>
          <Stack>
            {change.isSuccess && (
              <Alert color="green" role="status">
                <FormattedMessage id="password.changed" />
              </Alert>
            )}
            {(newError ?? serverError) && (
              <Alert color="red" role="alert">
                <FormattedMessage id={newError ?? serverError ?? 'problem.network'} />
              </Alert>
            )}
            {change.isError && !serverError && (
              <Alert color="red" role="alert">
                <FormattedMessage id="problem.network" />
              </Alert>
            )}
            <PasswordInput
              label={intl.formatMessage({ id: 'password.current' })}
              autoComplete="current-password"
              visibilityToggleButtonProps={{
                'aria-label': intl.formatMessage({ id: 'password.reveal' }),
              }}
              value={current}
              error={
                serverError === 'password.currentWrong'
                  ? intl.formatMessage({ id: serverError })
                  : undefined
              }
              onChange={(e) => setCurrent(e.currentTarget.value)}
            />
            <NewPasswordFields
              value={password}
              repeat={repeat}
              onChange={setPassword}
              onRepeatChange={setRepeat}
              error={newError ? intl.formatMessage({ id: newError }) : undefined}
            />
            <Button type="submit" loading={change.isPending}>
              <FormattedMessage id="password.change" />
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
