import { Button, Group, List, Text, ThemeIcon } from '@mantine/core';
import { FormattedMessage, useIntl } from 'react-intl';
import { enumLabel } from '../../components/forms/CommandForm';
import { actionLabel, type OpenAction } from './ActionDialog';
import type { Readiness } from './api';

/** The action that completes each item of the checklist (R14, R16). */
const COMPLETED_BY: Record<string, readonly string[]> = {
  'reflection-period-over': ['EndReflectionPeriodEarly'],
  consent: ['GiveConsent'],
  'risk-assessment': ['RecordRiskAssessment'],
  'needs-assessment': ['RecordNeedsAssessment'],
  // R18: the receiving organisation answers the referral itself, from its own screen.
  'receiving-organisation': ['SendCrossBorderReferral'],
  'reintegration-plan': ['RecordReintegrationPlan'],
  'contacts-given': ['RecordAssistingContactsGiven'],
  'legal-status-considered': ['RecordLegalStatusConsidered'],
  'travel-arranged': ['RecordTravelArranged'],
};

/**
 * Return readiness by hand: each item met or missing (said in words, not only by colour), with
 * the actions that complete a missing one, when the caller may take them now.
 */
export function ReadinessChecklist({
  readiness,
  offered,
  onOpen,
}: {
  readonly readiness: Readiness;
  readonly offered: ReadonlySet<string>;
  readonly onOpen: (action: OpenAction) => void;
}) {
  const intl = useIntl();
  return (
    <>
      <Text mb="sm" fw={600}>
        <FormattedMessage id={readiness.ready ? 'readiness.ready' : 'readiness.notReady'} />
      </Text>
      <List listStyleType="none" spacing="xs">
        {readiness.items.map((item) => (
          <List.Item key={item.item}>
            <Group gap="sm" wrap="wrap">
              <ThemeIcon size="sm" radius="xl" color={item.met ? 'green' : 'orange'} aria-hidden>
                {item.met ? '✓' : '!'}
              </ThemeIcon>
              <Text>
                {enumLabel(intl, 'readinessItem', item.item)}
                {' — '}
                <FormattedMessage id={item.met ? 'readiness.met' : 'readiness.missing'} />
              </Text>
              {!item.met &&
                (COMPLETED_BY[item.item] ?? [])
                  .filter((type) => offered.has(type))
                  .map((type) => (
                    <Button
                      key={type}
                      size="compact-sm"
                      variant="light"
                      onClick={() => onOpen({ type })}
                    >
                      {actionLabel(intl, type)}
                    </Button>
                  ))}
            </Group>
          </List.Item>
        ))}
      </List>
    </>
  );
}
