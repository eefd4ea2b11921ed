import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiProblem } from '../../lib/api/problem';
import { requestJson } from '../../lib/api/client';

/**
 * "Forgot password?": asks for a reset link. The answer is the same whether or not the account
 * exists, so the page says the same too.
 */
export function ForgotPassword({ onBack }: { readonly onBack: () => void }) {
  const intl = useIntl();
  const [login, setLogin] = useState('');
  const reset = useMutation({
    mutationFn: () =>
      requestJson<unknown>('POST', '/api/v1/auth/password-reset', { body: { login } }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (login.trim()) reset.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Title order={2} size="h4">
          <FormattedMessage id="signIn.resetTitle" />
        </Title>
        {reset.isSuccess ? (
          <Alert color="green" role="status">
            <FormattedMessage id="signIn.resetSent" />
          </Alert>
        ) : (
          <>
            <Text size="sm">
              <FormattedMessage id="signIn.resetHelp" />
            </Text>
            {reset.isError && (
              <Alert color="red" role="alert">
                <FormattedMessage
                  id={
                    reset.error instanceof ApiProblem && reset.error.status === 429
                      ? 'signIn.tooMany'
                      : 'problem.network'
                  }
                />
              </Alert>
            )}
            <TextInput
              label={intl.formatMessage({ id: 'signIn.resetLogin' })}
              autoComplete="username"
              value={login}
              onChange={(e) => setLogin(e.currentTarget.value)}
            />
            <Button type="submit" loading={reset.isPending}>
              <FormattedMessage id="signIn.resetSubmit" />
            </Button>
          </>
        )}
        <Anchor component="button" type="button" onClick={onBack} ta="center">
          <FormattedMessage id="signIn.back" />
        </Anchor>
      </Stack>
    </form>
  );
}
