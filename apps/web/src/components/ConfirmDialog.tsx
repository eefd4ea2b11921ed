import { Button, Group, Modal, Stack, type ButtonProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from './ProblemAlert';

/**
 * The frame of a dialog that confirms one command with its reason: a titled modal with a
 * translated close button, a form (the page validates, not the browser), the refusal if any,
 * then "Cancel" and the submit button. Nothing is rendered inside while there is no target.
 */
export function ConfirmDialog<T>({
  target,
  onClose,
  titleId,
  onSubmit,
  error,
  submitId,
  submitColor,
  pending,
  children,
}: {
  /** What the dialog is about; the dialog is open while there is one. */
  readonly target: T | null;
  readonly onClose: () => void;
  readonly titleId: string;
  readonly onSubmit: (e: FormEvent) => void;
  /** The command's refusal, shown as a ProblemAlert above the buttons. */
  readonly error: unknown;
  readonly submitId: string;
  readonly submitColor?: ButtonProps['color'];
  readonly pending: boolean;
  readonly children: (target: T) => ReactNode;
}) {
  const intl = useIntl();
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
      title={intl.formatMessage({ id: titleId })}
      size="lg"
    >
      {target !== null && (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            {children(target)}
            {error ? <ProblemAlert error={error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                <FormattedMessage id="common.cancel" />
              </Button>
              <Button type="submit" color={submitColor} loading={pending}>
                <FormattedMessage id={submitId} />
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
