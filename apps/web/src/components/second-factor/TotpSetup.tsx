import { Alert, Button, Image, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { stepProblemId, type TotpEnrolment } from '../../lib/api/second-factor';

/** The secret in groups of four, as authenticator apps show it, for typing in by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Setting up an authenticator app: the QR code (drawn here, from the otpauth URI; the secret
 * never leaves for another service), the same secret as text for typing in, then a code to
 * prove it works. `confirm` rejects with the API's problem when the code is wrong.
 */
export function TotpSetup({
  enrolment,
  confirm,
}: {
  readonly enrolment: TotpEnrolment;
  readonly confirm: (code: string) => Promise<void>;
}) {
  const intl = useIntl();
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // Loaded when needed: the sign-in page stays small for everyone who signs in without it.
    void import('qrcode')
      .then(({ default: QRCode }) =>
        QRCode.toDataURL(enrolment.otpauthUri, {
          errorCorrectionLevel: 'M',
          margin: 2,
          width: 200,
        }),
      )
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [enrolment.otpauthUri]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code.replace(/\s/g, ''))) {
      setError('secondFactor.codeFormat');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await confirm(code.replace(/\s/g, ''));
    } catch (err) {
      setCode('');
      setError(stepProblemId(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack>
        <Text>
          <FormattedMessage id="secondFactor.scan" />
        </Text>
        {qr && (
          <Image src={qr} w={200} h={200} alt={intl.formatMessage({ id: 'secondFactor.qrAlt' })} />
        )}
        <Text size="sm">
          <FormattedMessage id="secondFactor.manual" />
        </Text>
        <Text
          ff="monospace"
          fz="lg"
          fw={600}
          data-testid="totp-secret"
          style={{ wordBreak: 'break-word' }}
        >
          {grouped(enrolment.secret)}
        </Text>
        {error && (
          <Alert color="red" role="alert">
            <FormattedMessage id={error} />
          </Alert>
        )}
        <TextInput
          label={intl.formatMessage({ id: 'secondFactor.code' })}
          autoComplete="one-time-code"
          inputMode="numeric"
          maxLength={9}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <Button type="submit" loading={busy}>
          <FormattedMessage id="secondFactor.confirm" />
        </Button>
      </Stack>
    </form>
  );
}
