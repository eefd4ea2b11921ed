import {
  availableActions,
  caseSummary,
  deadlines,
  evolveAll,
  nextDueAction,
  partnerActor,
  partnerFactCommand,
  refusePartnerFact,
} from '@ariadne/domain';
import { given, history, stateOf } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COMM,
  day,
  opened,
  OTHER_SUPERVISOR,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';

const POLICE = partnerActor('partner-police-se', 'se-ngo-1');
const POLICE_RG = partnerFactCommand(
  { kind: 'identification-decision', outcome: 'reasonable-grounds' },
  'police',
);
const RECEIVER_CW = { userId: 'cw-9', organisationId: 'se-shelter-2', role: 'caseworker' } as const;

describe('R30 a partner’s fact read as a command', () => {
  it('keeps when it happened, only when given', () => {
    const at = '2026-01-05T10:00:00.000Z';
    expect(partnerFactCommand({ kind: 'shelter-check-in', occurredAt: at }, 'shelter')).toEqual({
      type: 'RecordImmediateNeedMet',
      need: 'accommodation',
      occurredAt: at,
    });
    expect(partnerFactCommand({ kind: 'shelter-check-in' }, 'shelter')).not.toHaveProperty(
      'occurredAt',
    );
  });

  it('refuses an unknown outcome or kind, naming the field', () => {
    const message = (fact: unknown): string => {
      try {
        partnerFactCommand(fact as never, 'police');
      } catch (e) {
        const v = e as { rule: string; kind: string; message: string };
        return `${v.rule}:${v.kind} ${v.message}`;
      }
      return 'accepted';
    };
    expect(message({ kind: 'identification-decision', outcome: 'guilty' })).toBe(
      'R30:invalid outcome must be one of: reasonable-grounds, no-reasonable-grounds.',
    );
    expect(message({ kind: 'arrest' })).toBe('R30:invalid kind is not a partner fact kind.');
  });

  it('a partner issues no other command, and one refusal of a fact is recorded once', () => {
    const e = given(opened())
      .when({ type: 'CloseCase', reason: 'contact-lost' }, day(1), POLICE)
      .thenRejectedBy('R30', 'forbidden');
    expect(e.message).toBe(
      'A partner system reports facts of its kinds only; it issues no other command.',
    );
    const refusal = {
      factId: 'fact-1',
      factKind: 'shelter-check-in',
      partnerId: 'partner-se-1',
      rule: 'R2',
    } as const;
    const once = refusePartnerFact(stateOf([opened()]), refusal, day(1));
    expect(once).toHaveLength(1);
    expect(refusePartnerFact(stateOf([opened(), ...once]), refusal, day(2))).toEqual([]);
  });
});

describe('R30 facts from partner systems', () => {
  it('a police identification decision is decided by the same rule as a caseworker’s', () => {
    expect(POLICE_RG).toMatchObject({ decidedBy: 'police' });
    given(opened())
      .when(
        partnerFactCommand(
          { kind: 'identification-decision', outcome: 'reasonable-grounds' },
          'police',
        ),
        day(1),
        POLICE,
      )
      .thenTypes(['IdentificationDecided', 'ReflectionPeriodStarted']);
  });

  it('a second reasonable-grounds decision from a partner breaks R1 as it would for anyone', () => {
    given(...history([opened()], POLICE_RG))
      .when(
        partnerFactCommand(
          { kind: 'identification-decision', outcome: 'reasonable-grounds' },
          'police',
        ),
        day(2),
        POLICE,
      )
      .thenRejectedBy('R1');
  });

  it('a shelter check-in meets the open accommodation need, and is refused (R2) without one', () => {
    const checkIn = partnerFactCommand({ kind: 'shelter-check-in' }, 'shelter');
    given(opened()).when(checkIn, day(1), POLICE).thenRejectedBy('R2');
    given(...history([opened()], { type: 'RecordImmediateNeed', need: 'accommodation' }))
      .when(checkIn, day(1), POLICE)
      .thenTypes(['ImmediateNeedMet']);
  });

  it('a fact carries when it happened at the partner, checked like a caseworker’s (R24, R25)', () => {
    const at = (occurredAt: string) =>
      partnerFactCommand(
        { kind: 'identification-decision', outcome: 'reasonable-grounds', occurredAt },
        'migration-authority',
      );
    expect(at(day(1))).toMatchObject({ occurredAt: day(1), decidedBy: 'migration-authority' });
    const decided = given(opened())
      .when(at(day(1)), day(3), POLICE)
      .events();
    expect(decided[0]).toMatchObject({
      type: 'IdentificationDecided',
      data: { occurredAt: day(1) },
    });
    given(opened())
      .when(at(day(9)), day(3), POLICE)
      .thenRejectedBy('R24', 'invalid');
    given(opened())
      .when(at('2026-01-01T00:00:00.000Z'), day(3), POLICE)
      .thenRejectedBy('R25', 'invalid');
  });

  it('a malformed fact is refused naming the field', () => {
    expect(() =>
      partnerFactCommand({ kind: 'identification-decision', outcome: 'maybe' as never }, 'police'),
    ).toThrow(expect.objectContaining({ rule: 'R30', kind: 'invalid' }));
    expect(() => partnerFactCommand({ kind: 'rumour' } as never, 'police')).toThrow(
      expect.objectContaining({ rule: 'R30' }),
    );
  });

  it('a partner issues no other command: its rights are the narrowest', () => {
    for (const command of [
      { type: 'CloseCase', reason: 'support-completed' },
      { type: 'RecordPathwayChoice', pathway: 'return', communication: COMM },
      { type: 'AddNote', personal: { notes: { text: 'x' } } },
      { type: 'ResolveRefusedFact', factId: 'f-1' },
    ] as const) {
      given(opened()).when(command, day(1), POLICE).thenRejectedBy('R30', 'forbidden');
    }
    expect(availableActions(stateOf([opened()]), POLICE, day(1))).toEqual(['RecordIdentification']);
  });

  const refusal = {
    factId: 'f-1',
    factKind: 'identification-decision',
    partnerId: 'partner-police-se',
    rule: 'R1',
  } as const;

  it('a refused fact is recorded once, for the caseworker to resolve; then it is gone', () => {
    const s = stateOf([opened()]);
    const refused = refusePartnerFact(s, refusal, day(1));
    expect(refused).toEqual([
      { type: 'PartnerFactRefused', data: { ...refusal, refusedAt: day(1) } },
    ]);
    const after = stateOf([opened(), ...refused]);
    expect(after.refusedFacts).toEqual([{ ...refusal, refusedAt: day(1) }]);
    expect(refusePartnerFact(after, refusal, day(2))).toEqual([]);
    expect(availableActions(after, CASEWORKER, day(2))).toContain('ResolveRefusedFact');

    given(opened(), ...refused)
      .when({ type: 'ResolveRefusedFact', factId: 'f-1' }, day(2), CASEWORKER)
      .then([
        {
          type: 'RefusedFactResolved',
          data: { factId: 'f-1', resolvedBy: 'cw-1', resolvedAt: day(2) },
        },
      ]);
    const resolved = given(opened(), ...refused)
      .when({ type: 'ResolveRefusedFact', factId: 'f-1' }, day(2), CASEWORKER)
      .state();
    expect(resolved.status === 'open' && resolved.refusedFacts).toEqual([]);
    given(opened(), ...refused)
      .when({ type: 'ResolveRefusedFact', factId: 'f-2' }, day(2), CASEWORKER)
      .thenRejectedBy('R30');
    given(opened(), ...refused)
      .when({ type: 'ResolveRefusedFact', factId: 'f-1' }, day(2), OTHER_SUPERVISOR)
      .thenRejectedBy('R30', 'forbidden');
  });

  it('a refused fact on a closed case can be resolved without reopening it', () => {
    const closed = history([opened()], { type: 'CloseCase', reason: 'contact-lost' });
    const refused = refusePartnerFact(stateOf(closed), refusal, day(3));
    given(...closed, ...refused)
      .when({ type: 'ResolveRefusedFact', factId: 'f-1' }, day(4), SUPERVISOR)
      .thenTypes(['RefusedFactResolved']);
  });

  it('a refusal is not progress: it neither clears a stall nor counts as the case moving', () => {
    const s = stateOf([opened()]);
    const after = evolveAll(s, refusePartnerFact(s, refusal, day(1)));
    expect(after.status === 'open' && after.lastProgressAt).toBe(s.lastProgressAt);
  });
});

describe('R31 transfer within the country', () => {
  const propose = {
    type: 'ProposeTransfer',
    receivingOrganisationId: 'se-shelter-2',
    communication: COMM,
  } as const;
  const proposed = () =>
    history([opened()], [POLICE_RG, day(1), POLICE], [propose, day(2), CASEWORKER]);

  it('her caseworker proposes it with her consent recorded', () => {
    given(opened())
      .when(propose, day(2), CASEWORKER)
      .then([
        {
          type: 'TransferProposed',
          data: {
            transferId: 'transfer-1',
            fromOrganisationId: 'se-ngo-1',
            toOrganisationId: 'se-shelter-2',
            proposedBy: 'cw-1',
            proposedAt: day(2),
            interpreterUsed: true,
            personal: { identity: { language: 'ro' } },
          },
        },
      ]);
    given(opened())
      .when({ ...propose, communication: undefined as never }, day(2), CASEWORKER)
      .thenRejectedBy('R31', 'invalid');
    given(opened())
      .when({ ...propose, receivingOrganisationId: 'se-ngo-1' }, day(2), CASEWORKER)
      .thenRejectedBy('R31', 'invalid');
    given(opened()).when(propose, day(2), RECEIVER_CW).thenRejectedBy('R31', 'forbidden');
    given(...proposed())
      .when(propose, day(3), CASEWORKER)
      .thenRejectedBy('R31');
  });

  it('only a supervisor of the receiving organisation answers', () => {
    const accept = { type: 'AnswerTransfer', response: 'accepted', assigneeId: 'cw-9' } as const;
    given(...proposed())
      .when(accept, day(3), SUPERVISOR)
      .thenRejectedBy('R31', 'forbidden');
    given(...proposed())
      .when(accept, day(3), RECEIVER_CW)
      .thenRejectedBy('R31', 'forbidden');
    given(opened()).when(accept, day(3), OTHER_SUPERVISOR).thenRejectedBy('R31');
    given(...proposed())
      .when({ ...accept, assigneeId: undefined }, day(3), OTHER_SUPERVISOR)
      .thenRejectedBy('R22', 'invalid');
    given(...proposed())
      .when({ type: 'AnswerTransfer', response: 'declined' }, day(3), OTHER_SUPERVISOR)
      .thenTypes(['TransferDeclined']);
  });

  it('on acceptance the same case, with its deadlines and timers, continues at the receiver', () => {
    const past = proposed();
    const before = stateOf(past);
    const after = given(...past)
      .when(
        { type: 'AnswerTransfer', response: 'accepted', assigneeId: 'cw-9' },
        day(3),
        OTHER_SUPERVISOR,
      )
      .state();
    if (after.status !== 'open') throw new Error('open');
    expect([after.organisationId, after.assigneeId, after.transfer]).toEqual([
      'se-shelter-2',
      'cw-9',
      undefined,
    ]);
    expect(deadlines(after, day(3))).toEqual(deadlines(before, day(3)));
    expect(nextDueAction(after)).toEqual(nextDueAction(before));
    expect(caseSummary('c-1', after)?.organisationId).toBe('se-shelter-2');
    expect(after.reflection).toEqual(before.status === 'open' && before.reflection);
    // The sender's staff no longer act on it.
    given(...past, {
      type: 'TransferAccepted',
      data: {
        transferId: 'transfer-1',
        fromOrganisationId: 'se-ngo-1',
        toOrganisationId: 'se-shelter-2',
        previousAssigneeId: 'cw-1',
        assigneeId: 'cw-9',
        decidedBy: 'sup-9',
        acceptedAt: day(3),
      },
    })
      .when(propose, day(4), CASEWORKER)
      .thenRejectedBy('R31', 'forbidden');
  });

  it('the sender may withdraw an unanswered proposal, and only then', () => {
    given(...proposed())
      .when({ type: 'WithdrawTransfer' }, day(3), CASEWORKER)
      .thenTypes(['TransferWithdrawn']);
    given(opened()).when({ type: 'WithdrawTransfer' }, day(3), CASEWORKER).thenRejectedBy('R31');
  });
});
