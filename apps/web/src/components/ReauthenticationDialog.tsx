import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  onReauthenticationRequired,
  submitReauthentication,
  type ReauthenticationProof,
} from '../lib/api/reauthentication';

type Step = 'password' | 'totp' | 'recovery-code';

/** What went wrong, as a catalogue key. */
const ERRORS = {
  missing: 'reauth.missing',
  invalid: 'reauth.invalid',
  'too-many': 'reauth.tooMany',
  'sign-in-again': 'reauth.signInAgain',
  failed: 'problem.network',
} as const;

/**
 * "Confirm it is you" before a sensitive action (erasure, early end of reflection, exports, user
 * administration): mounted once in the application, opened by apiFetch when the API answers
 * 401 reauthentication-required. Her password first; when she has a second factor, the code of
 * her authenticator app (or a recovery code) next. Confirmed, the refused request is sent once
 * more; cancelled (button, Escape), the refusal stands. A modal dialog: focus moves into it and
 * comes back to where she was; what she typed lives in this state only and is cleared on close.
 */
export function ReauthenticationDialog() {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  const [step, setStep] = useState<Step>('password');
  const [methods, setMethods] = useState<readonly string[]>([]);
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<(typeof ERRORS)[keyof typeof ERRORS] | null>(null);
  const [busy, setBusy] = useState(false);
  const settle = useRef<((confirmed: boolean) => void) | null>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  useEffect(
    () =>
      onReauthenticationRequired(
        () =>
          new Promise<boolean>((resolve) => {
            settle.current = resolve;
            setOpened(true);
          }),
      ),
    [],
  );

  useEffect(() => {
    if (step !== 'password') codeInput.current?.focus();
  }, [step]);

  const close = (confirmed: boolean) => {
    setOpened(false);
    setStep('password');
    setMethods([]);
    setPassword('');
    setCode('');
    setError(null);
    setBusy(false);
    settle.current?.(confirmed);
    settle.current = null;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password || (step !== 'password' && !code.trim())) {
      setError(ERRORS.missing);
      return;
    }
    const proof: ReauthenticationProof =
      step === 'totp'
        ? { password, totp: code.trim() }
        : step === 'recovery-code'
          ? { password, recoveryCode: code.trim() }
          : { password };
    setBusy(true);
    setError(null);
    const outcome = await submitReauthentication(proof);
    setBusy(false);
    if (outcome.kind === 'confirmed') {
      close(true);
      return;
    }
    if (outcome.kind === 'second-factor') {
      setMethods(outcome.methods);
      setStep(outcome.methods.includes('totp') ? 'totp' : 'recovery-code');
      return;
    }
    setCode('');
    if (step === 'password') setPassword('');
    setError(ERRORS[outcome.kind]);
  };

  const otherStep: Step | null =
    step === 'totp' && methods.includes('recovery-code')
      ? 'recovery-code'
      : step === 'recovery-code' && methods.includes('totp')
        ? 'totp'
        : null;

  return (
    <Modal
      opened={opened}
      onClose={() => close(false)}
      title={intl.formatMessage({ id: 'reauth.title' })}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
      returnFocus
      trapFocus
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm" id="reauth-intro">
            <FormattedMessage id={step === 'password' ? 'reauth.intro' : 'reauth.secondFactor'} />
          </Text>
          {error && (
            <Alert color="red" role="alert">
              <FormattedMessage id={error} />
            </Alert>
          )}
          <PasswordInput
            label={intl.formatMessage({ id: 'reauth.password' })}
            autoComplete="current-password"
            data-autofocus
            readOnly={step !== 'password'}
            visibilityToggleButtonProps={{
              'aria-label': intl.formatMessage({ id: 'signIn.reveal' }),
            }}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          {step !== 'password' && (
            <TextInput
              ref={codeInput}
              label={intl.formatMessage({
                id: step === 'totp' ? 'reauth.totp' : 'reauth.recoveryCode',
              })}
              autoComplete="one-time-code"
              inputMode={step === 'totp' ? 'numeric' : 'text'}
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          )}
          {otherStep && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setCode('');
                setError(null);
                setStep(otherStep);
              }}
            >
              <FormattedMessage
                id={otherStep === 'totp' ? 'reauth.useTotp' : 'reauth.useRecoveryCode'}
              />
            </Anchor>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => close(false)}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" loading={busy}>
              <FormattedMessage id="reauth.submit" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
