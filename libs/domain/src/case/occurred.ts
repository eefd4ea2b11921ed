import { RuleViolation } from '../errors';
import { addDuration, isAtOrAfter, subtractDuration } from '../policy/duration';
import { type CountryPolicy, DEFAULT_MAX_RECORDING_LAG } from '../policy/policy';
import type { CaseCommand, CaseCommandType } from './commands';
import type { CaseEvent } from './events';
import { type CarriedOverFrom, CARRIED_OVER_FROM } from './decide/context';
import type { ExistingCaseState } from './state';

/**
 * Facts dated when they happened (issue 10). A command that records something that happened may
 * say when (`occurredAt`); the event keeps both times: its own `…At` field is when it was
 * recorded (the decision's ctx.now, as the command metadata), `occurredAt` when it happened.
 * The state, and so every deadline, the reflection period and every reminder, runs from
 * `occurredAt` when it is given (evolve.ts `asHappened`).
 */
export interface Occurred {
  /** ISO 8601 date-time: when it happened, if earlier than now (R24, R25, R26). */
  readonly occurredAt?: string;
}

/**
 * The commands that record something that happened in her journey (docs/rules.md, R24). The
 * others are decisions taken in the system at the moment they are recorded (opening a case, a
 * request, an extension, a closure …) or the case's own timers, and take no `occurredAt`.
 */
export const OCCURRED_AT_COMMANDS = [
  // When she was referred: the case's deadlines run from it, and nothing recorded may precede it.
  'OpenCase',
  'RecordImmediateNeedMet',
  'RecordIdentification',
  'RecordConclusiveIdentification',
  'RecordRightsInformation',
  'RecordHealthCheckOffered',
  'RecordNeedsAssessment',
  'RecordRiskAssessment',
  'RecordServiceProvided',
  'RecordServiceDeclined',
  'GiveConsent',
  'WithdrawConsent',
  'RecordPathwayChoice',
  'RecordMilestoneReached',
  'ApplyForResidencePermit',
  'RecordResidencePermitDecision',
  'RecordAsylumClaim',
  'RecordReintegrationFundingApproved',
  'RecordAssistingContactsGiven',
  'ExecuteReturn',
  'RecordFollowUp',
  'RecordReturnFinancialAssistance',
  'RecordLegalStep',
] as const satisfies readonly CaseCommandType[];
export type OccurredAtCommandType = (typeof OCCURRED_AT_COMMANDS)[number];

export function takesOccurredAt(type: CaseCommandType): type is OccurredAtCommandType {
  return (OCCURRED_AT_COMMANDS as readonly string[]).includes(type);
}

/** R24: a clock of the recording device may run a little ahead; more than this is the future. */
export const CLOCK_SKEW_TOLERANCE = 'PT5M';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 date-time with a time zone (what `occurredAt` must look like). */
export function isOccurredAtText(value: unknown): value is string {
  return typeof value === 'string' && ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * The command's `occurredAt`, checked and normalised to UTC, or undefined when it was not given.
 * R24: never in the future (beyond the clock-skew tolerance). R25: never before the case was
 * opened (the referral). R26: never older than the policy's maximum recording lag.
 */
export function occurredAtOf(
  s: ExistingCaseState,
  command: CaseCommand,
  now: string,
  options: OccurredAtOptions = {},
): string | undefined {
  return checkedOccurredAt(command, now, s.referredAt ?? s.openedAt, s.policy, options);
}

export interface OccurredAtOptions {
  /**
   * R26a: a fact carried over from the organisation's previous records (the HTCDS import; the
   * decision context's `carriedOver`) is exempt from the maximum recording lag, not from R24/R25.
   */
  readonly carriedOver?: CarriedOverFrom;
}

/** The same checks for a case being opened: R25 has nothing to compare with yet. */
export function checkedOccurredAt(
  command: CaseCommand,
  now: string,
  notBefore: string | undefined,
  policy: CountryPolicy,
  options: OccurredAtOptions = {},
): string | undefined {
  const raw = (command as Occurred).occurredAt;
  if (raw === undefined) return undefined;
  if (!takesOccurredAt(command.type)) {
    throw new RuleViolation('R24', `${command.type} takes no occurredAt.`, 'invalid');
  }
  if (!isOccurredAtText(raw)) {
    throw new RuleViolation('R24', 'occurredAt must be an ISO 8601 date-time.', 'invalid');
  }
  const at = new Date(raw).toISOString();
  if (!isAtOrAfter(addDuration(now, CLOCK_SKEW_TOLERANCE), at)) {
    throw new RuleViolation('R24', 'occurredAt is in the future.', 'invalid');
  }
  if (notBefore !== undefined && !isAtOrAfter(at, notBefore)) {
    throw new RuleViolation('R25', 'occurredAt is earlier than her referral.', 'invalid');
  }
  const maxLag = policy.recording?.maxLag ?? DEFAULT_MAX_RECORDING_LAG;
  // R26a: only a known source of carried-over records lifts R26 (the value arrives from JSON).
  const lagExempt = options.carriedOver !== undefined && isCarriedOverFrom(options.carriedOver);
  if (!lagExempt && !isAtOrAfter(at, subtractDuration(now, maxLag))) {
    throw new RuleViolation(
      'R26',
      `occurredAt is older than the country policy allows (${maxLag}).`,
      'invalid',
    );
  }
  // Within the tolerance ahead of now counts as now: nothing may happen after it is recorded.
  return isAtOrAfter(now, at) ? at : now;
}

export function isCarriedOverFrom(value: unknown): value is CarriedOverFrom {
  return (CARRIED_OVER_FROM as readonly unknown[]).includes(value);
}

/** The decision's events, each dated when it happened (the stall clearing is not among them). */
export function stampOccurred(events: CaseEvent[], occurredAt: string | undefined): CaseEvent[] {
  if (occurredAt === undefined) return events;
  return events.map((e) => ({ ...e, data: { ...e.data, occurredAt } }) as CaseEvent);
}
