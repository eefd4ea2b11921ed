import type { IntlShape } from 'react-intl';
import { enumLabel, labelOf } from '../../components/forms/CommandForm';
import { familyMessageId } from '../../lib/i18n/dynamic';
import type { TimelineEntry } from './api';

/** Which catalogue family translates a field of an event's data (by event type, then field). */
const BY_TYPE: Record<string, Record<string, string>> = {
  IdentificationDecided: { outcome: 'enum.identificationOutcome' },
  ResidencePermitDecided: { outcome: 'enum.permitOutcome' },
  ReflectionPeriodEnded: { reason: 'enum.reflectionEndReason' },
  CaseReassigned: { reason: 'enum.reassignmentReason' },
  CaseClosed: { reason: 'enum.closureReason' },
  CaseReopened: { reason: 'enum.reopeningReason' },
  ServiceUnavailable: { reason: 'enum.unavailabilityReason' },
  PersonalDataErased: { reason: 'enum.erasureReason' },
  DeadlineReminderSent: { kind: 'deadline' },
  DeadlineEscalated: { kind: 'deadline' },
  AsylumClaimRecorded: { status: 'enum.asylumStatus' },
  CrossBorderReferralDeclined: { reasonCode: 'enum.referralDeclineReason' },
};

const BY_FIELD: Record<string, string> = {
  referralSource: 'enum.referralSource',
  need: 'enum.immediateNeed',
  decidedBy: 'enum.decidedBy',
  topics: 'enum.rightsTopic',
  needs: 'enum.serviceKind',
  scope: 'enum.riskScope',
  level: 'enum.riskLevel',
  protectionMeasures: 'enum.protectionMeasure',
  kind: 'enum.serviceKind',
  basis: 'enum.serviceBasis',
  pathway: 'pathway',
  previous: 'pathway',
  milestones: 'enum.milestone',
  milestone: 'enum.milestone',
  ground: 'enum.permitGround',
  contact: 'enum.followUpContact',
  risk: 'enum.reTraffickingRisk',
  purpose: 'enum.referralPurpose',
  categories: 'enum.dataCategory',
  step: 'enum.legalStep',
  phase: 'phase',
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T/;

function translate(intl: IntlShape, family: string, value: string): string {
  return labelOf(intl, `${family}.${value}`, value);
}

interface ConsentScope {
  readonly kind?: string;
  readonly service?: string;
  readonly purpose?: string;
  readonly recipientOrganisationId?: string;
}

/** What a consent covers, in words: "Service: Shelter", "Data sharing: Return reception". */
export function scopeText(intl: IntlShape, scope: ConsentScope | undefined): string {
  if (!scope?.kind) return '';
  const detail = scope.service
    ? enumLabel(intl, 'serviceKind', scope.service)
    : scope.purpose
      ? enumLabel(intl, 'referralPurpose', scope.purpose)
      : undefined;
  const kind = enumLabel(intl, 'consentKind', scope.kind);
  return detail ? `${kind}: ${detail}` : kind;
}

/** Her language as recorded with her decision, named in the user's language. */
export function languageOf(intl: IntlShape, data: Record<string, unknown>): string {
  const personal = data['personal'] as { identity?: { language?: unknown } } | undefined;
  const code = personal?.identity?.language;
  if (typeof code !== 'string' || code === '') {
    return intl.formatMessage({ id: 'timeline.languageUnknown' });
  }
  try {
    return new Intl.DisplayNames([intl.locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The values of an event's sentence: each data field translated (enum values through their
 * family, lists as a list, times as dates), `<field>Code` with the raw value for ICU selects,
 * the actor as a role, her language by name. Personal sub-objects are left out (but her language).
 */
export function sentenceValues(intl: IntlShape, entry: TimelineEntry): Record<string, string> {
  const data = entry.data as Record<string, unknown>;
  const values: Record<string, string> = {
    actor: labelOf(
      intl,
      familyMessageId('actor', entry.actorRole),
      intl.formatMessage({ id: 'actor.other' }),
    ),
    language: languageOf(intl, data),
  };
  for (const [key, value] of Object.entries(data)) {
    if (key === 'personal') continue;
    const family = BY_TYPE[entry.type]?.[key] ?? BY_FIELD[key];
    if (key === 'scope' && typeof value === 'object' && value !== null) {
      values[key] = scopeText(intl, value as ConsentScope);
    } else if (Array.isArray(value)) {
      const items = value.map((v) => (family ? translate(intl, family, String(v)) : String(v)));
      values[key] = intl.formatList(items, { type: 'conjunction' });
    } else if (typeof value === 'string') {
      // ICU select keys are identifiers: `reasonable-grounds` is selected as `reasonable_grounds`.
      values[`${key}Code`] = value.replace(/-/g, '_');
      values[key] = family
        ? translate(intl, family, value)
        : ISO_TIME.test(value)
          ? intl.formatDate(value, { dateStyle: 'medium' })
          : value;
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      values[key] = String(value);
      values[`${key}Code`] = String(value);
    }
  }
  return values;
}

/** The sentence of one timeline entry (`event.<type>`), or a neutral one for a new type. */
export function sentence(intl: IntlShape, entry: TimelineEntry): string {
  const values = sentenceValues(intl, entry);
  const id = familyMessageId('event', sentenceKey(entry, values));
  return intl.messages[id] !== undefined
    ? intl.formatMessage({ id }, values)
    : intl.formatMessage({ id: 'event.unknown' }, values);
}

/**
 * The sentence variant an event's data asks for: R18's answers name the receiver's linked case
 * and the reason of a decline when they carry one; a linked case names the sending case.
 */
function sentenceKey(entry: TimelineEntry, values: Record<string, string>): string {
  switch (entry.type) {
    case 'CrossBorderReferralAccepted':
      return values['linkedCaseReference'] ? `${entry.type}.linked` : entry.type;
    case 'CrossBorderReferralDeclined':
      return values['reasonCode'] ? `${entry.type}.reason` : entry.type;
    case 'ReferralReceived':
      return values['sourceReference'] ? entry.type : `${entry.type}.noReference`;
    default:
      return entry.type;
  }
}
