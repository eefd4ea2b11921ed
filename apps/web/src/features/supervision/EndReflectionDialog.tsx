import { Alert, Radio, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { useCaseReference } from '../../components/CaseLink';
import { READABLE_TITLE } from '../../components/alertStyles';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { familyMessageId } from '../../lib/i18n/dynamic';
import {
  EARLY_END_REASONS,
  useEndReflectionEarly,
  type BoardCase,
  type EarlyEndReason,
} from './api';

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
  const reference = useCaseReference();
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
    <ConfirmDialog
      target={target}
      onClose={close}
      titleId="supervision.endEarly.title"
      onSubmit={submit}
      error={endEarly.error}
      submitId="supervision.endEarly.submit"
      submitColor="red"
      pending={endEarly.isPending}
    >
      {(target) => (
        <>
          <Text>
            <FormattedMessage
              id="supervision.endEarly.case"
              values={{ reference: reference(target.reference) }}
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
        </>
      )}
    </ConfirmDialog>
  );
}
