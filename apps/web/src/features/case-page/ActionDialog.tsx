import { Modal } from '@mantine/core';
import { useIntl } from 'react-intl';
import { CommandForm, type PathChoice } from '../../components/forms/CommandForm';
import { commandSchema, extraPathParams } from '../../components/forms/schema';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { labelOf } from '../../components/forms/CommandForm';
import { useCommand, type CaseSummary } from './api';
import { ConsentForm } from './ConsentForm';
import { IdentificationForm } from './IdentificationForm';

/** Which action is open, with path ids already chosen (e.g. the consent to withdraw). */
export interface OpenAction {
  readonly type: string;
  readonly pathValues?: Record<string, string>;
}

export function actionLabel(intl: ReturnType<typeof useIntl>, type: string): string {
  return labelOf(intl, familyMessageId('action', type), type);
}

/**
 * The form of one action in a dialog: a hand-made one (identification, consent) or the generic
 * form driven by the command's request schema. Closes on success and tells the page.
 */
export function ActionDialog({
  caseId,
  etag,
  action,
  choices,
  onClose,
  onDone,
}: {
  readonly caseId: string;
  readonly etag: string | undefined;
  readonly action: OpenAction | null;
  readonly choices: (param: string) => PathChoice['options'];
  readonly onClose: () => void;
  readonly onDone: (type: string, summary: CaseSummary) => void;
}) {
  const intl = useIntl();
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      size="lg"
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'casePage.close' }) }}
      title={action ? actionLabel(intl, action.type) : ''}
    >
      {action && (
        <ActionBody
          key={action.type}
          caseId={caseId}
          etag={etag}
          action={action}
          choices={choices}
          onDone={onDone}
        />
      )}
    </Modal>
  );
}

function ActionBody({
  caseId,
  etag,
  action,
  choices,
  onDone,
}: {
  readonly caseId: string;
  readonly etag: string | undefined;
  readonly action: OpenAction;
  readonly choices: (param: string) => PathChoice['options'];
  readonly onDone: (type: string, summary: CaseSummary) => void;
}) {
  const intl = useIntl();
  const command = useCommand(caseId, etag);
  const schema = commandSchema(action.type);
  if (!schema) return null;
  if (action.type === 'RecordIdentification') {
    return <IdentificationForm schema={schema} command={command} />;
  }
  if (action.type === 'GiveConsent') {
    return <ConsentForm schema={schema} command={command} onDone={(s) => onDone(action.type, s)} />;
  }
  const fixed = action.pathValues ?? {};
  const pathChoices = extraPathParams(schema)
    .filter((p) => fixed[p] === undefined)
    .map((name) => ({ name, options: choices(name) }));
  return (
    <CommandForm
      schema={schema.body}
      submitLabel={intl.formatMessage({ id: 'form.submit' })}
      pending={command.isPending}
      error={command.error}
      pathChoices={pathChoices}
      onSubmit={(body, pathValues) =>
        command.mutate(
          { schema, body, pathValues: { ...pathValues, ...fixed } },
          { onSuccess: (s) => onDone(action.type, s) },
        )
      }
    />
  );
}
