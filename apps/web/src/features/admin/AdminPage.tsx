import {
  Alert,
  Checkbox,
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ColumnHeads } from '../../components/PagedTable';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { ApiProblem } from '../../lib/api/problem';
import { familyMessageId } from '../../lib/i18n/dynamic';
import { languageName, LOCALES, type Locale } from '../../lib/i18n/locales';
import { useMe, type Role } from '../../lib/session/session';
import {
  adminApi,
  type AdminUser,
  type Organisation,
  ORGANISATION_TYPES,
  type OrganisationType,
  ROLES,
  type UserFields,
} from './api';

/** The message of a field the server refused, for the field itself (never its value). */
function fieldError(error: unknown, field: string, intl: ReturnType<typeof useIntl>) {
  if (!(error instanceof ApiProblem) || !error.forField(field)) return undefined;
  if (error.status === 409) return intl.formatMessage({ id: 'admin.taken' });
  return intl.formatMessage({ id: 'admin.invalidField' });
}

function OrganisationDialog({
  org,
  onClose,
}: {
  readonly org: Organisation | 'new';
  readonly onClose: () => void;
}) {
  const intl = useIntl();
  const client = useQueryClient();
  const [name, setName] = useState(org === 'new' ? '' : org.name);
  const [type, setType] = useState<OrganisationType>(org === 'new' ? 'NGO' : org.type);
  const [requireSecondFactor, setRequireSecondFactor] = useState(
    org !== 'new' && org.requireSecondFactor === true,
  );
  const save = useMutation({
    mutationFn: () =>
      org === 'new'
        ? adminApi.createOrganisation({ name, type, requireSecondFactor })
        : adminApi.updateOrganisation(org.id, { name, type, requireSecondFactor }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={intl.formatMessage({
        id: org === 'new' ? 'admin.newOrganisation' : 'admin.editOrganisation',
      })}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.error && <ProblemAlert error={save.error} />}
          <TextInput
            label={intl.formatMessage({ id: 'admin.name' })}
            value={name}
            error={fieldError(save.error, 'name', intl)}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label={intl.formatMessage({ id: 'admin.type' })}
            value={type}
            data={Object.entries(ORGANISATION_TYPES).map(([value, id]) => ({
              value,
              label: intl.formatMessage({ id }),
            }))}
            onChange={(e) => setType(e.currentTarget.value as OrganisationType)}
          />
          <Checkbox
            label={intl.formatMessage({ id: 'admin.requireSecondFactor' })}
            description={intl.formatMessage({ id: 'admin.requireSecondFactorHelp' })}
            checked={requireSecondFactor}
            onChange={(e) => setRequireSecondFactor(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" loading={save.isPending}>
              <FormattedMessage id="admin.save" />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UserDialog({
  user,
  organisations,
  onClose,
}: {
  readonly user: AdminUser | 'new';
  readonly organisations: readonly Organisation[];
  readonly onClose: () => void;
}) {
  const intl = useIntl();
  const client = useQueryClient();
  const me = useMe();
  const isNew = user === 'new';
  const [fields, setFields] = useState<UserFields>(
    isNew
      ? {
          displayName: '',
          login: '',
          email: '',
          role: 'caseworker',
          organisationId: organisations[0]?.id ?? '',
          locale: me.locale ?? 'en',
        }
      : {
          displayName: user.displayName,
          login: user.login,
          email: user.email ?? '',
          role: user.role,
          organisationId: user.organisationId,
          locale: user.locale,
        },
  );
  const set = (k: keyof UserFields) => (v: string) => setFields((f) => ({ ...f, [k]: v }));
  const save = useMutation({
    mutationFn: () => {
      if (isNew) return adminApi.createUser(fields);
      // The login is fixed once chosen: the other fields only.
      const { displayName, email, role, organisationId, locale } = fields;
      return adminApi.updateUser(user.id, { displayName, email, role, organisationId, locale });
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['admin'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const text = (k: 'displayName' | 'login' | 'email', labelId: string, type = 'text') => (
    <TextInput
      label={intl.formatMessage({ id: labelId })}
      type={type}
      value={fields[k]}
      disabled={k === 'login' && !isNew}
      error={fieldError(save.error, k, intl)}
      onChange={(e) => set(k)(e.currentTarget.value)}
    />
  );
  return (
    <Modal
      opened
      onClose={onClose}
      title={intl.formatMessage({ id: isNew ? 'admin.inviteUser' : 'admin.editUser' })}
      closeButtonProps={{ 'aria-label': intl.formatMessage({ id: 'common.close' }) }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.error && <ProblemAlert error={save.error} />}
          {text('displayName', 'admin.displayName')}
          {text('login', 'admin.login')}
          {text('email', 'admin.email', 'email')}
          <NativeSelect
            label={intl.formatMessage({ id: 'admin.role' })}
            value={fields.role}
            data={ROLES.map((r) => ({
              value: r,
              label: intl.formatMessage({ id: familyMessageId('role', r) }),
            }))}
            onChange={(e) => set('role')(e.currentTarget.value as Role)}
          />
          <NativeSelect
            label={intl.formatMessage({ id: 'admin.organisation' })}
            value={fields.organisationId}
            data={organisations.map((o) => ({ value: o.id, label: o.name }))}
            onChange={(e) => set('organisationId')(e.currentTarget.value)}
          />
          <NativeSelect
            label={intl.formatMessage({ id: 'admin.language' })}
            value={fields.locale}
            data={LOCALES.map((l: Locale) => ({ value: l, label: languageName(l) }))}
            onChange={(e) => set('locale')(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              <FormattedMessage id="common.cancel" />
            </Button>
            <Button type="submit" loading={save.isPending}>
              <FormattedMessage id={isNew ? 'admin.sendInvitation' : 'admin.save'} />
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Administration: the organisations and accounts of her country. Admins change them (invite,
 * edit, deactivate); auditors of the country see the same, read-only.
 */
export function AdminPage() {
  const intl = useIntl();
  const me = useMe();
  const canWrite = me.role === 'admin';
  // The actions column is only there for those who may act.
  const actionsHead = canWrite ? ['admin.actions'] : [];
  const client = useQueryClient();
  const orgs = useQuery({ queryKey: ['admin', 'organisations'], queryFn: adminApi.organisations });
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: adminApi.users });
  const [orgDialog, setOrgDialog] = useState<Organisation | 'new' | null>(null);
  const [userDialog, setUserDialog] = useState<AdminUser | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: (u: AdminUser) => adminApi.updateUser(u.id, { active: !u.active }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['admin'] }),
  });
  const invite = useMutation({
    mutationFn: (u: AdminUser) => adminApi.invite(u.id),
    onSuccess: () => setNotice('admin.linkSent'),
  });
  const orgName = (id: string) => orgs.data?.items.find((o) => o.id === id)?.name ?? id;

  return (
    <>
      <PageTitle id="nav.admin" />
      {!canWrite && (
        <Alert color="blue" role="status" mb="md">
          <FormattedMessage id="admin.readOnly" />
        </Alert>
      )}
      {notice && (
        <Alert
          color="green"
          role="status"
          mb="md"
          withCloseButton
          onClose={() => setNotice(null)}
          closeButtonLabel={intl.formatMessage({ id: 'common.close' })}
        >
          <FormattedMessage id={notice} />
        </Alert>
      )}
      {(toggle.error ?? invite.error) && <ProblemAlert error={toggle.error ?? invite.error} />}

      <Group justify="space-between" mt="md" mb="xs">
        <Title order={2} size="h3">
          <FormattedMessage id="admin.organisations" />
        </Title>
        {canWrite && (
          <Button onClick={() => setOrgDialog('new')}>
            <FormattedMessage id="admin.newOrganisation" />
          </Button>
        )}
      </Group>
      <QueryState query={orgs}>
        {(data) => (
          <Table striped>
            <Table.Caption>
              <FormattedMessage id="admin.orgCaption" values={{ count: data.items.length }} />
            </Table.Caption>
            <ColumnHeads
              ids={['admin.name', 'admin.type', 'admin.requireSecondFactor', ...actionsHead]}
            />
            <Table.Tbody>
              {data.items.map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Th scope="row">{o.name}</Table.Th>
                  <Table.Td>
                    <FormattedMessage id={ORGANISATION_TYPES[o.type]} />
                  </Table.Td>
                  <Table.Td>
                    <FormattedMessage
                      id={o.requireSecondFactor ? 'admin.required' : 'admin.byRole'}
                    />
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={intl.formatMessage({ id: 'admin.editNamed' }, { name: o.name })}
                        onClick={() => setOrgDialog(o)}
                      >
                        <FormattedMessage id="admin.edit" />
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>

      <Group justify="space-between" mt="xl" mb="xs">
        <Title order={2} size="h3">
          <FormattedMessage id="admin.users" />
        </Title>
        {canWrite && (
          <Button onClick={() => setUserDialog('new')} disabled={!orgs.data}>
            <FormattedMessage id="admin.inviteUser" />
          </Button>
        )}
      </Group>
      <QueryState query={users}>
        {(data) => (
          <Table striped>
            <Table.Caption>
              <FormattedMessage id="admin.userCaption" values={{ count: data.items.length }} />
            </Table.Caption>
            <ColumnHeads
              ids={[
                'admin.displayName',
                'admin.login',
                'admin.role',
                'admin.organisation',
                'admin.status',
                ...actionsHead,
              ]}
            />
            <Table.Tbody>
              {data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Th scope="row">{u.displayName}</Table.Th>
                  <Table.Td>{u.login}</Table.Td>
                  <Table.Td>
                    <FormattedMessage id={familyMessageId('role', u.role)} />
                  </Table.Td>
                  <Table.Td>{orgName(u.organisationId)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      <FormattedMessage
                        id={
                          u.active
                            ? u.passwordSet
                              ? 'admin.active'
                              : 'admin.invited'
                            : 'admin.inactive'
                        }
                      />
                    </Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={intl.formatMessage(
                            { id: 'admin.editNamed' },
                            { name: u.displayName },
                          )}
                          onClick={() => setUserDialog(u)}
                        >
                          <FormattedMessage id="admin.edit" />
                        </Button>
                        {u.id !== me.userId && (
                          <Button
                            size="xs"
                            variant="default"
                            color={u.active ? 'red' : undefined}
                            loading={toggle.isPending && toggle.variables?.id === u.id}
                            aria-label={intl.formatMessage(
                              { id: u.active ? 'admin.deactivateNamed' : 'admin.reactivateNamed' },
                              { name: u.displayName },
                            )}
                            onClick={() => toggle.mutate(u)}
                          >
                            <FormattedMessage
                              id={u.active ? 'admin.deactivate' : 'admin.reactivate'}
                            />
                          </Button>
                        )}
                        {u.active && u.email && (
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={intl.formatMessage(
                              { id: 'admin.resendNamed' },
                              { name: u.displayName },
                            )}
                            onClick={() => invite.mutate(u)}
                          >
                            <FormattedMessage id="admin.resend" />
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      {orgDialog && <OrganisationDialog org={orgDialog} onClose={() => setOrgDialog(null)} />}
      {userDialog && (
        <UserDialog
          user={userDialog}
          organisations={orgs.data?.items ?? []}
          onClose={() => setUserDialog(null)}
        />
      )}
    </>
  );
}
