import {
  type Actor,
  type CaseCommand,
  type CaseEvent,
  decide,
  DEFAULT_POLICIES,
  evolveAll,
  initialState,
  isRuleViolation,
  refusePartnerFact,
} from '@ariadne/domain';
import { history, stateOf, SYSTEM } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  COORDINATOR,
  day,
  IDENTIFY,
  opened,
  SE,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';

/**
 * A refusal says which rule refused, what kind of refusal it is, and names the field at fault,
 * never a value (the API answers with them: docs/api.md). One line per refusal:
 * `rule:kind message`, the message matched from its start.
 */
function refusal(past: readonly CaseEvent[], command: CaseCommand, actor?: Actor): string {
  try {
    decide(evolveAll(initialState(), past), command, { now: day(2), ...(actor && { actor }) });
  } catch (e) {
    if (isRuleViolation(e)) return `${e.rule}:${e.kind} ${e.message}`;
    throw e;
  }
  return 'accepted';
}

const bad = 'no-such-value' as never;
const OTHER_ORG_CASEWORKER: Actor = { ...CASEWORKER, organisationId: 'lv-ngo-1' };

describe('refusals name their rule, their kind and the field at fault', () => {
  const open = (): CaseEvent[] => [opened()];
  const identified = (): CaseEvent[] => history([opened()], [IDENTIFY, day(1)]);
  const fi = (): CaseEvent[] => [opened(DEFAULT_POLICIES.FI)];
  const applied = (): CaseEvent[] =>
    history(fi(), [{ type: 'ApplyForResidencePermit', ground: 'personal-situation' }, day(1)]);
  const closed = (): CaseEvent[] =>
    history([opened()], { type: 'CloseCase', reason: 'contact-lost' });
  const proposed = (): CaseEvent[] =>
    history(
      [opened()],
      [
        { type: 'ProposeTransfer', receivingOrganisationId: 'se-shelter-2', communication: COMM },
        day(1),
        CASEWORKER,
      ],
    );
  const receivingSupervisor: Actor = { ...SUPERVISOR, organisationId: 'se-shelter-2' };
  const serviceConsent = {
    type: 'GiveConsent',
    scope: { kind: 'service', service: 'health-care' },
    communication: COMM,
  } as const;
  const serviceRequest = { type: 'RequestService', kind: 'health-care', basis: 'plan' } as const;
  const noCommunication = { language: 'Romanian', interpreterUsed: true };
  const refusedFact = (): CaseEvent[] => [
    opened(),
    ...refusePartnerFact(
      stateOf([opened()]),
      { factId: 'fact-1', factKind: 'shelter-check-in', partnerId: 'partner-se-1', rule: 'R2' },
      day(1),
    ),
  ];

  const cases: ReadonlyArray<readonly [() => CaseEvent[], CaseCommand, Actor | undefined, string]> =
    [
      // Case management (R3, R22, R23, P2)
      [open, { type: 'RecordLegalStep', step: bad }, undefined, 'R3:invalid step must be one of: '],
      [
        open,
        { type: 'ReassignCase', assigneeId: 'cw-2', reason: 'workload' },
        CASEWORKER,
        'R22:forbidden A reassignment ',
      ],
      [
        open,
        { type: 'ReassignCase', assigneeId: 'not an id!', reason: 'workload' },
        SUPERVISOR,
        'R22:invalid assigneeId must be an opaque id.',
      ],
      [
        open,
        { type: 'ReassignCase', assigneeId: 'cw-2', reason: bad },
        SUPERVISOR,
        'R22:invalid reason must be one of: ',
      ],
      [
        open,
        { type: 'ReassignCase', assigneeId: 'cw-1', reason: 'workload' },
        SUPERVISOR,
        'R22:conflict The case is already assigned to this caseworker.',
      ],
      [
        open,
        { type: 'AddNote', personal: { notes: { text: '  ' } } },
        undefined,
        'P2:invalid A note needs its text.',
      ],
      [
        open,
        { type: 'AddNote', personal: {} } as never,
        undefined,
        'P2:invalid A note needs its text.',
      ],
      [open, { type: 'AddNote' } as never, undefined, 'P2:invalid A note needs its text.'],
      [open, { type: 'CloseCase', reason: bad }, undefined, 'R23:invalid reason must be one of: '],
      [
        closed,
        { type: 'ReopenCase', reason: bad },
        undefined,
        'R23:invalid reason must be one of: ',
      ],
      [closed, { type: 'ErasePersonalData' }, SYSTEM, 'R23:conflict Erasure is due at 20'],
      [
        closed,
        { type: 'ErasePersonalData' },
        CASEWORKER,
        'R23:forbidden This command is issued by the case timer only.',
      ],
      [
        closed,
        { type: 'EraseOnRequest', communication: COMM },
        CASEWORKER,
        "P7:forbidden An erasure on her request is decided by a supervisor of the case's organisation.",
      ],
      [
        closed,
        { type: 'EraseOnRequest', communication: noCommunication },
        SUPERVISOR,
        'P7:invalid Her decision needs communication.language',
      ],
      // Her consents (R5)
      [
        open,
        serviceConsent,
        COORDINATOR,
        'R5:forbidden Her decisions are recorded by a caseworker or a supervisor.',
      ],
      [
        open,
        { ...serviceConsent, communication: noCommunication },
        CASEWORKER,
        'R5:invalid Her decision needs communication.language',
      ],
      [
        () => history([opened()], serviceConsent),
        { type: 'WithdrawConsent', consentId: 'consent-1', communication: COMM },
        COORDINATOR,
        'R5:forbidden Her decisions are recorded by a caseworker or a supervisor.',
      ],
      [
        () => history([opened()], serviceConsent),
        { type: 'WithdrawConsent', consentId: 'consent-1', communication: noCommunication },
        CASEWORKER,
        'R5:invalid Her decision needs communication.language',
      ],
      [
        open,
        { type: 'RecordServiceUnavailable', serviceId: 'service-1', reason: bad },
        undefined,
        'R6:invalid reason must be one of: ',
      ],
      // Assessment (R6, R9, R10)
      [
        open,
        { type: 'RecordRightsInformation', topics: [], communication: COMM },
        undefined,
        'R10:invalid topics must be a non-empty list of: ',
      ],
      [
        open,
        { type: 'RecordNeedsAssessment', needs: [bad] },
        undefined,
        'R6:invalid needs must be a list of: ',
      ],
      [
        open,
        { type: 'RecordRiskAssessment', scope: bad, level: 'low', protectionMeasures: [] },
        undefined,
        'R9:invalid scope must be one of: ',
      ],
      [
        open,
        { type: 'RecordRiskAssessment', scope: 'general', level: bad, protectionMeasures: [] },
        undefined,
        'R9:invalid level must be one of: ',
      ],
      [
        open,
        { type: 'RecordRiskAssessment', scope: 'general', level: 'low', protectionMeasures: [bad] },
        undefined,
        'R9:invalid protectionMeasures must be a list of: ',
      ],
      [
        open,
        {
          type: 'RecordRiskAssessment',
          scope: 'departure',
          pathway: bad,
          level: 'low',
          protectionMeasures: [],
          acceptable: true,
        },
        undefined,
        'R9:invalid pathway must be one of: ',
      ],
      // Intake (R22, R27) and reflection (R7)
      [
        open,
        { type: 'RecordIdentification', outcome: 'reasonable-grounds' } as never,
        undefined,
        'R27:invalid decidedBy must be one of: ',
      ],
      [
        open,
        { type: 'RecordIdentification', outcome: 'reasonable-grounds', decidedBy: bad },
        undefined,
        'R27:invalid decidedBy must be one of: ',
      ],
      [
        open,
        {
          type: 'OpenCase',
          referralSource: 'police',
          organisationId: 'se-ngo-1',
          assigneeId: 'cw-1',
          policy: SE,
        },
        undefined,
        'R22:conflict The case is already open.',
      ],
      [
        open,
        { type: 'RecordImmediateNeed', need: bad },
        undefined,
        'R2:invalid need must be one of: ',
      ],
      [
        open,
        { type: 'RecordImmediateNeedMet', need: bad },
        undefined,
        'R2:invalid need must be one of: ',
      ],
      [
        open,
        { type: 'RecordIdentification', outcome: bad, decidedBy: 'police' },
        undefined,
        'R1:invalid outcome must be one of: ',
      ],
      [
        identified,
        { type: 'RecordConclusiveIdentification', outcome: bad, decidedBy: 'police' },
        undefined,
        'R28:invalid outcome must be one of: ',
      ],
      [
        () => [],
        {
          type: 'OpenCase',
          referralSource: 'police',
          organisationId: 'se-ngo-1',
          assigneeId: 'not an id!',
          policy: SE,
        },
        undefined,
        'R22:invalid assigneeId must be an opaque id.',
      ],
      [
        () => [],
        {
          type: 'OpenCase',
          referralSource: 'police',
          organisationId: 'se-ngo-1',
          assigneeId: 'cw-1',
          policy: { ...SE, reminderBefore: 'x', escalateAfter: 'y' },
        },
        undefined,
        'R19:invalid Country policy is not valid: reminderBefore: not an ISO 8601 duration; escalateAfter: not an ISO 8601 duration',
      ],
      [
        identified,
        { type: 'ExtendReflectionPeriod', totalPeriod: 'sixty days' },
        undefined,
        'R7:invalid totalPeriod must be an ISO 8601 duration.',
      ],
      [
        identified,
        { type: 'ExtendReflectionPeriod', totalPeriod: 60 as never },
        undefined,
        'R7:invalid totalPeriod must be an ISO 8601 duration.',
      ],
      // Pathway (R12)
      [
        open,
        { type: 'RecordPathwayChoice', pathway: bad, communication: COMM },
        undefined,
        'R12:invalid pathway must be one of: ',
      ],
      [
        () =>
          history(
            [opened()],
            [{ type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM }, day(1)],
          ),
        { type: 'AgreeIntegrationPlan', milestones: [] },
        undefined,
        'R13:invalid milestones must be a non-empty list of: ',
      ],
      [
        open,
        { type: 'RecordMilestoneReached', milestone: bad },
        undefined,
        'R13:invalid milestone must be one of: ',
      ],
      [
        fi,
        { type: 'ApplyForResidencePermit', ground: bad },
        undefined,
        'R11:invalid ground must be one of: ',
      ],
      [
        applied,
        { type: 'RecordResidencePermitDecision', outcome: bad },
        undefined,
        'R11:invalid outcome must be one of: ',
      ],
      [
        applied,
        { type: 'RecordResidencePermitDecision', outcome: 'granted', expiresAt: 20270101 as never },
        undefined,
        'R11:invalid A granted permit needs expiresAt, an ISO timestamp after the decision.',
      ],
      [
        fi,
        { type: 'RecordAsylumClaim', status: bad },
        undefined,
        'R11:invalid status must be one of: ',
      ],
      // When a recorded fact happened (R24–R26)
      [
        open,
        { ...serviceRequest, occurredAt: day(1) } as never,
        undefined,
        'R24:invalid RequestService takes no occurredAt.',
      ],
      [
        open,
        { type: 'RecordHealthCheckOffered', occurredAt: 'yesterday' },
        undefined,
        'R24:invalid occurredAt must be an ISO 8601 date-time.',
      ],
      [
        open,
        { type: 'RecordHealthCheckOffered', occurredAt: day(3) },
        undefined,
        'R24:invalid occurredAt is in the future.',
      ],
      [
        open,
        { type: 'RecordHealthCheckOffered', occurredAt: '2026-01-04T08:00:00.000Z' },
        undefined,
        'R25:invalid occurredAt is earlier than her referral.',
      ],
      [
        () => [opened(SE, '2025-01-05T08:00:00.000Z')],
        { type: 'RecordHealthCheckOffered', occurredAt: '2025-06-01T08:00:00.000Z' },
        undefined,
        'R26:invalid occurredAt is older than the country policy allows (P90D).',
      ],
      // The network (R30, R31)
      [
        refusedFact,
        { type: 'ResolveRefusedFact', factId: 'fact-1' },
        OTHER_ORG_CASEWORKER,
        "R30:forbidden Resolving a refused fact is done by a caseworker or supervisor of the case's organisation.",
      ],
      [
        refusedFact,
        { type: 'ResolveRefusedFact', factId: 'fact-1' },
        { ...COORDINATOR, organisationId: 'se-ngo-1' },
        "R30:forbidden Resolving a refused fact is done by a caseworker or supervisor of the case's organisation.",
      ],
      [
        refusedFact,
        { type: 'ResolveRefusedFact', factId: 'fact-2' },
        CASEWORKER,
        'R30:conflict There is no unresolved refused fact with this id.',
      ],
      [
        open,
        { type: 'ProposeTransfer', receivingOrganisationId: 'not an id!', communication: COMM },
        CASEWORKER,
        'R31:invalid receivingOrganisationId must be an opaque id.',
      ],
      [
        open,
        { type: 'ProposeTransfer', receivingOrganisationId: 'se-ngo-1', communication: COMM },
        CASEWORKER,
        'R31:invalid The case already belongs to this organisation.',
      ],
      [
        proposed,
        { type: 'ProposeTransfer', receivingOrganisationId: 'se-shelter-3', communication: COMM },
        CASEWORKER,
        'R31:conflict A transfer is already waiting for its answer.',
      ],
      [
        open,
        { type: 'AnswerTransfer', response: 'declined' },
        receivingSupervisor,
        'R31:conflict No transfer is waiting for an answer.',
      ],
      [
        proposed,
        { type: 'AnswerTransfer', response: 'declined' },
        { ...CASEWORKER, organisationId: 'se-shelter-2' },
        'R31:forbidden A transfer is answered by a supervisor of the receiving organisation.',
      ],
      [
        proposed,
        { type: 'AnswerTransfer', response: 'declined' },
        SUPERVISOR,
        'R31:forbidden A transfer is answered by a supervisor of the receiving organisation.',
      ],
      [
        proposed,
        { type: 'AnswerTransfer', response: bad },
        receivingSupervisor,
        'R31:invalid response must be one of: ',
      ],
      [
        proposed,
        { type: 'AnswerTransfer', response: 'accepted', assigneeId: 'not an id!' },
        receivingSupervisor,
        'R22:invalid assigneeId must be an opaque id.',
      ],
      [
        proposed,
        { type: 'WithdrawTransfer' },
        { ...COORDINATOR, organisationId: 'se-ngo-1' },
        "R31:forbidden Withdrawing a transfer is done by a caseworker or supervisor of the case's organisation.",
      ],
      [
        open,
        { type: 'WithdrawTransfer' },
        CASEWORKER,
        'R31:conflict No transfer is waiting for an answer.',
      ],
    ];

  it.each(
    cases.map(([past, command, actor, expected]) => [command.type, past, command, actor, expected]),
  )('%s', (_type, past, command, actor, expected) => {
    const got = refusal(past(), command, actor);
    expect(got.slice(0, expected.length)).toBe(expected);
  });
});
