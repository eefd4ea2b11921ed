import { Button, Group, Modal, NativeSelect, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ProblemAlert } from '../../components/ProblemAlert';
import { downloadPosted } from '../../lib/download';
import { isLocale, languageName, LOCALES, type Locale } from '../../lib/i18n/locales';
import type { Role } from '../../lib/session/session';

/** The API's limits for the archive password (apps/api/src/exports/archive.ts). */
const MIN_LENGTH = 12;
const MAX_LENGTH = 128;

/** Who the API lets export her data (the route's roles; P3 is checked by the case read itself). */
export function canExportSubjectData(role: Role): boolean {
  return role === 'caseworker' || role === 'supervisor';
}

/**
 * "Export her data" (GDPR Art. 15, 20): the button and its dialog. The password lives only in
 * this dialog's state: the form unmounts on close, which drops it, and nothing is stored.
 */
export function SubjectDataExport({
  caseId,
  onDone,
}: {
  readonly caseId: string;
  readonly onDone: (message: string) => void;
}) {
  const intl = useIntl();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        <FormattedMessage id="subjectExport.open" />
      </Button>
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        size="lg"
        closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'casePage.close' }) }}
        title={intl.formatMessage({ id: 'subjectExport.title' })}
      >
        {opened && (
          <ExportForm
            caseId={caseId}
            onCancel={() => setOpened(false)}
            onDone={() => {
              setOpened(false);
              onDone(intl.formatMessage({ id: 'subjectExport.done' }));
            }}
          />
        )}
      </Modal>
    </>
  );
}

function ExportForm({
  caseId,
  onCancel,
  onDone,
}: {
  readonly caseId: string;
  readonly onCancel: () => void;
  readonly onDone: () => void;
}) {
  const intl = useIntl();
  const [language, setLanguage] = useState<Locale | ''>('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [visible, setVisible] = useState(false);
  const [tried, setTried] = useState(false);
  const exporting = useMutation({
    mutationFn: (body: { language: Locale; password: string }) =>
      downloadPosted(
        `/api/v1/cases/${encodeURIComponent(caseId)}/exports/subject-data`,
        body,
        'subject-data.zip',
      ),
  });

  const languageError = language === '' ? intl.formatMessage({ id: 'common.required' }) : null;
  const passwordError =
    password.length < MIN_LENGTH
      ? intl.formatMessage({ id: 'password.tooShort' })
      : password.length > MAX_LENGTH
        ? intl.formatMessage({ id: 'subjectExport.tooLong' })
        : null;
  const repeatError = repeat !== password ? intl.formatMessage({ id: 'password.mismatch' }) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (languageError || passwordError || repeatError || language === '') return;
    exporting.mutate(
      { language, password },
      {
        onSuccess: () => {
          setPassword('');
          setRepeat('');
          onDone();
        },
      },
    );
  };
  const toggle = {
    'aria-label': intl.formatMessage({ id: 'password.reveal' }),
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          <FormattedMessage id="subjectExport.intro" />
        </Text>
        <NativeSelect
          data-autofocus
          required
          label={intl.formatMessage({ id: 'subjectExport.language' })}
          value={language}
          error={tried ? languageError : null}
          data={[
            { value: '', label: intl.formatMessage({ id: 'common.choose' }) },
            ...LOCALES.map((l) => ({ value: l, label: languageName(l) })),
          ]}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setLanguage(isLocale(v) ? v : '');
          }}
        />
        <Text size="sm" id="subject-export-password-hint">
          <FormattedMessage id="subjectExport.passwordHint" values={{ min: MIN_LENGTH }} />
        </Text>
        <PasswordInput
          required
          label={intl.formatMessage({ id: 'subjectExport.password' })}
          autoComplete="new-password"
          aria-describedby="subject-export-password-hint"
          visible={visible}
          onVisibilityChange={setVisible}
          visibilityToggleFocusable
          visibilityToggleButtonProps={toggle}
          value={password}
          error={tried ? passwordError : null}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <PasswordInput
          required
          label={intl.formatMessage({ id: 'subjectExport.repeat' })}
          autoComplete="new-password"
          visible={visible}
          onVisibilityChange={setVisible}
          visibilityToggleFocusable
          visibilityToggleButtonProps={toggle}
          value={repeat}
          error={tried ? repeatError : null}
          onChange={(e) => setRepeat(e.currentTarget.value)}
        />
        {exporting.error && <ProblemAlert error={exporting.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            <FormattedMessage id="common.cancel" />
          </Button>
          <Button type="submit" loading={exporting.isPending}>
            <FormattedMessage id="subjectExport.submit" />
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
