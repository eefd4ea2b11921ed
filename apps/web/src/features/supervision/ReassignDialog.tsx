import { Alert, NativeSelect, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useCaseReference } from '../../components/CaseLink';
import { READABLE_TITLE } from '../../components/alertStyles';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ApiProblem } from '../../lib/api/problem';
import { familyMessageId } from '../../lib/i18n/dynamic';
import {
  nameOf,
  REASSIGNMENT_REASONS,
  useDirectory,
  useReassign,
  type BoardCase,
  type ReassignmentReason,
} from './api';

/**
 * R22: hand one case to another active caseworker (or supervisor) of her organisation, with a
 * reason. The case version she saw goes in If-Match, so a case changed meanwhile is refused (412)
 * rather than reassigned blind.
 */
export function ReassignDialog({
  target,
  onClose,
}: {
  readonly target: BoardCase | null;
  readonly onClose: () => void;
}) {
  const intl = useIntl();
  const reference = useCaseReference();
  const directory = useDirectory();
  const reassign = useReassign();
  const [assigneeId, setAssigneeId] = useState('');
  const [reason, setReason] = useState<ReassignmentReason | ''>('');
  const [tried, setTried] = useState(false);

  const close = () => {
    setAssigneeId('');
    setReason('');
    setTried(false);
    reassign.reset();
    onClose();
  };

  const candidates = (directory.data?.items ?? []).filter(
    (u) =>
      u.active &&
      (u.role === 'caseworker' || u.role === 'supervisor') &&
      u.id !== target?.assigneeId,
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!target || !assigneeId || !reason) return;
    reassign.mutate({ c: target, assigneeId, reason }, { onSuccess: close });
  };

  const required = intl.formatMessage({ id: 'common.required' });
  const problem = reassign.error;
  // The server names a refused field (never its value): mark that field too.
  const fieldError = (field: string) =>
    problem instanceof ApiProblem && problem.forField(field) ? required : undefined;

  return (
    <ConfirmDialog
      target={target}
      onClose={close}
      titleId="supervision.reassign.title"
      onSubmit={submit}
      error={problem}
      submitId="supervision.reassign.submit"
      pending={reassign.isPending}
    >
      {(target) => (
        <>
          <Text>
            <FormattedMessage
              id="supervision.reassign.body"
              values={{
                reference: reference(target.reference),
                name: nameOf(directory.data?.items, target.assigneeId),
              }}
            />
          </Text>
          <NativeSelect
            label={intl.formatMessage({ id: 'supervision.reassign.to' })}
            required
            value={assigneeId}
            onChange={(e) => setAssigneeId(e.currentTarget.value)}
            error={(tried && !assigneeId ? required : undefined) ?? fieldError('assigneeId')}
            data={[
              { value: '', label: intl.formatMessage({ id: 'common.choose' }) },
              ...candidates.map((u) => ({
                value: u.id,
                label: `${u.displayName} (${intl.formatMessage({ id: familyMessageId('role', u.role) })})`,
              })),
            ]}
          />
          <NativeSelect
            label={intl.formatMessage({ id: 'supervision.reason' })}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value as ReassignmentReason | '')}
            error={(tried && !reason ? required : undefined) ?? fieldError('reason')}
            data={[
              { value: '', label: intl.formatMessage({ id: 'common.choose' }) },
              ...REASSIGNMENT_REASONS.map((r) => ({
                value: r,
                label: intl.formatMessage({
                  id: familyMessageId('enum', `reassignmentReason.${r}`),
                }),
              })),
            ]}
          />
          {directory.isError && (
            <Alert styles={READABLE_TITLE} color="orange">
              <FormattedMessage id="supervision.directoryUnavailable" />
            </Alert>
          )}
        </>
      )}
    </ConfirmDialog>
  );
}
