import { Alert, List } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiProblem } from '../lib/api/problem';
import { familyMessageId } from '../lib/i18n/dynamic';

const KNOWN_STATUSES = [400, 401, 403, 404, 409, 412, 413, 422, 428, 429];

/**
 * Why something failed, in the user's language: a refused rule shows its explanation from the
 * catalogue (`rule.R14`), field errors name the fields (never the values), anything else a
 * sentence per status. The server's English title is never shown.
 */
export function ProblemAlert({ error }: { readonly error: unknown }) {
  const intl = useIntl();
  if (!(error instanceof ApiProblem)) {
    return (
      <Alert color="red" role="alert" title={intl.formatMessage({ id: 'problem.title' })}>
        <FormattedMessage id="problem.network" />
      </Alert>
    );
  }
  const ruleKey = error.rule ? familyMessageId('rule', error.rule) : undefined;
  const hasRule = ruleKey !== undefined && intl.messages[ruleKey] !== undefined;
  const statusKey = familyMessageId(
    'problem.status',
    KNOWN_STATUSES.includes(error.status)
      ? String(error.status)
      : error.status >= 500
        ? '500'
        : '400',
  );
  return (
    <Alert
      color={hasRule ? 'orange' : 'red'}
      // Orange text on the light orange background is 3.6:1 (axe, WCAG 1.4.3): the title of a
      // refusal takes the body text colour; the orange border and icon stay.
      styles={hasRule ? { title: { color: 'var(--mantine-color-text)' } } : undefined}
      role="alert"
      title={
        hasRule
          ? intl.formatMessage({ id: 'problem.ruleTitle' }, { rule: error.rule })
          : intl.formatMessage({ id: 'problem.title' })
      }
    >
      {hasRule ? intl.formatMessage({ id: ruleKey }) : intl.formatMessage({ id: statusKey })}
      {error.errors.length > 0 && (
        <>
          <div>
            <FormattedMessage id="problem.fields" />
          </div>
          <List size="sm">
            {error.errors.map((e) => (
              <List.Item key={e.field}>{e.field}</List.Item>
            ))}
          </List>
        </>
      )}
    </Alert>
  );
}
