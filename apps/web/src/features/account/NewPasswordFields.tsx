import { PasswordInput, Text } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';

/** The new password twice, with the rules shown up front (ASVS 5.0 §6.2: no composition rules). */
export function NewPasswordFields({
  value,
  repeat,
  onChange,
  onRepeatChange,
  error,
}: {
  readonly value: string;
  readonly repeat: string;
  readonly onChange: (v: string) => void;
  readonly onRepeatChange: (v: string) => void;
  readonly error?: string;
}) {
  const intl = useIntl();
  const reveal = { 'aria-label': intl.formatMessage({ id: 'password.reveal' }) };
  return (
    <>
      <Text size="sm" id="password-rules">
        <FormattedMessage id="password.rules" />
      </Text>
      <PasswordInput
        label={intl.formatMessage({ id: 'password.new' })}
        autoComplete="new-password"
        aria-describedby="password-rules"
        visibilityToggleButtonProps={reveal}
        value={value}
        error={error}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      <PasswordInput
        label={intl.formatMessage({ id: 'password.repeat' })}
        autoComplete="new-password"
        visibilityToggleButtonProps={reveal}
        value={repeat}
        onChange={(e) => onRepeatChange(e.currentTarget.value)}
      />
    </>
  );
}
