import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../../components/ProblemAlert';
import { familyMessageId } from '../../lib/i18n/dynamic';
import {
  EARLY_END_REASONS,
  useEndReflectionEarly,
  type BoardCase,
  type EarlyEndReason,
} from './api';

/** A light alert's coloured title is below 4.5:1 on its tint (WCAG 1.4.3): the text colour reads. */
const READABLE_TITLE = { title: { color: 'var(--mantine-color-text)' } };

/**
 * R8 (CoE 13(3)): ending a reflection period early is a serious step with only two lawful
 * grounds. The dialog says what it does before she confirms, and does nothing until one of the
 * two reasons is chosen; the reason is recorded with her as the decider.
 */
export function EndReflectionDialog({
  target,
  onClose,
}: {
  readonly target: BoardCase | null;
  readonly onClose: () => void;
}) {
  const intl = useIntl();
  const endEarly = useEndReflectionEarly();
  const [reason, setReason] = useState<EarlyEndReason | ''>('');
  const [tried, setTried] = useState(false);

  const close = () => {
    setReason('');
    setTried(false);
    endEarly.reset();
    onClose();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!target || !reason) return;
    endEarly.mutate({ c: target, reason }, { onSuccess: close });
  };

  return (
    <Modal
      opened={target !== null}
      onClose={close}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
      title={intl.formatMessage({ id: 'supervision.endEarly.title' })}
      size="lg"
    >
      {target && (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text>
              <FormattedMessage
                id="supervision.endEarly.case"
                values={{
                  reference: target.reference ?? intl.formatMessage({ id: 'cases.noReference' }),
                }}
              />{' '}
              {target.reflectionEndsAt && (
                <FormattedMessage
                  id="supervision.endEarly.wouldEnd"
                  values={{
                    date: <FormattedDate value={target.reflectionEndsAt} dateStyle="long" />,
                  }}
                />
              )}
            </Text>
            <Alert
              styles={READABLE_TITLE}
              color="orange"
              title={intl.formatMessage({ id: 'supervision.endEarly.consequenceTitle' })}
            >
              <FormattedMessage id="supervision.endEarly.consequence" />
            </Alert>
            <Radio.Group
              label={intl.formatMessage({ id: 'supervision.endEarly.reason' })}
              description={intl.formatMessage({ id: 'supervision.endEarly.reasonHint' })}
              required
              value={reason}
              onChange={(v) => setReason(v as EarlyEndReason)}
              error={tried && !reason ? intl.formatMessage({ id: 'common.required' }) : undefined}
            >
              <Stack gap="xs" mt="xs">
                {EARLY_END_REASONS.map((r) => (
                  <Radio
                    key={r}
                    value={r}
                    label={intl.formatMessage({
                      id: familyMessageId('enum', `reflectionEndReason.${r}`),
                    })}
                  />
                ))}
              </Stack>
            </Radio.Group>
            {endEarly.error && <ProblemAlert error={endEarly.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                <FormattedMessage id="common.cancel" />
              </Button>
              <Button type="submit" color="red" loading={endEarly.isPending}>
                <FormattedMessage id="supervision.endEarly.submit" />
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
