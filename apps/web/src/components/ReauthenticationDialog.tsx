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
import type { startAuthentication } from '@simplewebauthn/browser';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  onReauthenticationRequired,
  passkeyReauthenticationOptions,
  submitReauthentication,
  type ReauthenticationProof,
} from '../lib/api/reauthentication';

/** 'passkey': her only ways are a passkey (and perhaps recovery codes): no code to type. */
type Step = 'password' | 'totp' | 'recovery-code' | 'passkey';

/** What went wrong, as a catalogue key. */
const ERRORS = {
  missing: 'reauth.missing',
  invalid: 'reauth.invalid',
  'too-many': 'reauth.tooMany',
  'sign-in-again': 'reauth.signInAgain',
  failed: 'problem.network',
  passkey: 'secondFactor.passkeyCancelled',
} as const;

/**
 * "Confirm it is you" before a sensitive action (erasure, early end of reflection, exports, user
 * administration): mounted once in the application, opened by apiFetch when the API answers
 * 401 reauthentication-required. Her password first; when she has a second factor, the code of
 * her authenticator app, a recovery code or one of her passkeys next (the passkey is offered only
 * when she has one: the API lists her methods). Confirmed, the refused request is sent once
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
    if (step === 'totp' || step === 'recovery-code') codeInput.current?.focus();
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

  const send = async (proof: ReauthenticationProof) => {
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
      setStep(
        outcome.methods.includes('totp')
          ? 'totp'
          : outcome.methods.includes('webauthn')
            ? 'passkey'
            : 'recovery-code',
      );
      return;
    }
    setCode('');
    if (step === 'password') setPassword('');
    setError(ERRORS[outcome.kind]);
  };

  /** Her passkey answers the API's challenge; the assertion goes with her password. */
  const confirmWithPasskey = async () => {
    setBusy(true);
    setError(null);
    const options = await passkeyReauthenticationOptions();
    if (!options) {
      setBusy(false);
      setError(ERRORS.passkey);
      return;
    }
    let webauthn: object;
    try {
      const { startAuthentication: authenticate } = await import('@simplewebauthn/browser');
      webauthn = await authenticate({
        optionsJSON: options as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
      });
    } catch {
      // Cancelled, timed out, or no passkey of hers on this device.
      setBusy(false);
      setError(ERRORS.passkey);
      return;
    }
    await send({ password, webauthn });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!password || ((step === 'totp' || step === 'recovery-code') && !code.trim())) {
      setError(ERRORS.missing);
      return;
    }
    if (step === 'passkey') {
      await confirmWithPasskey();
      return;
    }
    await send(
      step === 'totp'
        ? { password, totp: code.trim() }
        : step === 'recovery-code'
          ? { password, recoveryCode: code.trim() }
          : { password },
    );
  };

  const otherStep: Step | null =
    (step === 'totp' || step === 'passkey') && methods.includes('recovery-code')
      ? 'recovery-code'
      : step === 'recovery-code' && methods.includes('totp')
        ? 'totp'
        : null;
  // Beside a code, her passkey is one button away when she has one.
  const passkeyToo = step !== 'password' && step !== 'passkey' && methods.includes('webauthn');

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
          {(step === 'totp' || step === 'recovery-code') && (
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
          {passkeyToo && (
            <Button variant="default" onClick={() => void confirmWithPasskey()} disabled={busy}>
              <FormattedMessage id="secondFactor.usePasskey" />
            </Button>
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
              <FormattedMessage
                id={step === 'passkey' ? 'secondFactor.usePasskey' : 'reauth.submit'}
              />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
