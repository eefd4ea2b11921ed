import { caseSummary, formatReference } from '@ariadne/domain';
import { given, history, stateOf } from '../../../../../test/support/decider-spec';
import { day, opened, SE } from '../../../../../test/support/fixtures';

describe('P6 anonymous consultation', () => {
  it('a case opens with no personal data at all', () => {
    const [event] = given()
      .when({
        type: 'OpenCase',
        referralSource: 'helpline',
        policy: SE,
        organisationId: 'se-ngo-1',
        assigneeId: 'cw-1',
      })
      .events();
    expect(Object.keys(event?.data ?? {}).sort()).toEqual(
      ['assigneeId', 'country', 'openedAt', 'organisationId', 'policy', 'referralSource'].sort(),
    );
    expect(JSON.stringify(event)).not.toContain('personal');
  });

  it('her details are recorded only under personal, when she chooses to give them', () => {
    given(opened())
      .when(
        {
          type: 'RecordPersonDetails',
          personal: {
            identity: { givenName: 'A.' },
            'contact-location': { phone: '+46700000000' },
          },
        },
        day(3),
      )
      .then([
        {
          type: 'PersonDetailsRecorded',
          data: {
            recordedAt: day(3),
            personal: {
              identity: { givenName: 'A.' },
              'contact-location': { phone: '+46700000000' },
            },
          },
        },
      ]);
  });
});

describe('R2 help before decisions', () => {
  it('immediate needs are recorded and met from case opening, before any identification', () => {
    const events = history(
      [opened()],
      [{ type: 'RecordImmediateNeed', need: 'accommodation' }, day(0)],
      [{ type: 'RequestService', kind: 'shelter', basis: 'immediate' }, day(0)],
      [{ type: 'RecordImmediateNeedMet', need: 'accommodation' }, day(0)],
    );
    const s = stateOf(events);
    expect(s.identification).toBeUndefined();
    expect(s.immediateNeeds).toEqual([
      { need: 'accommodation', recordedAt: day(0), metAt: day(0) },
    ]);
    expect(s.services.map((x) => x.kind)).toEqual(['shelter']);
  });

  it('a negative identification does not stop immediate help', () => {
    const events = history([opened()], {
      type: 'RecordIdentification',
      outcome: 'no-reasonable-grounds',
      decidedBy: 'police',
    });
    given(...events)
      .when({ type: 'RecordImmediateNeed', need: 'safety' })
      .thenTypes(['ImmediateNeedRecorded']);
    given(...events)
      .when({ type: 'RequestService', kind: 'interpretation', basis: 'immediate' })
      .thenTypes(['ServiceRequested']);
  });

  it('an open need is not recorded twice, and only an open need is met', () => {
    const events = history([opened()], { type: 'RecordImmediateNeed', need: 'safety' });
    given(...events)
      .when({ type: 'RecordImmediateNeed', need: 'safety' })
      .thenRejectedBy('R2');
    given(opened()).when({ type: 'RecordImmediateNeedMet', need: 'safety' }).thenRejectedBy('R2');
  });
});

describe('R22 a case opens with its responsible caseworker', () => {
  it('refuses a case without an assignee', () => {
    given()
      .when({
        type: 'OpenCase',
        referralSource: 'police',
        policy: SE,
        organisationId: 'se-ngo-1',
        assigneeId: '',
      })
      .thenRejectedBy('R22', 'invalid');
  });
});

describe('the case reference (carried by OpenCase, drawn by the API)', () => {
  const open = (reference?: string) =>
    given().when({
      type: 'OpenCase',
      referralSource: 'helpline',
      policy: SE,
      organisationId: 'se-ngo-1',
      assigneeId: 'cw-1',
      ...(reference !== undefined && { reference }),
    });

  it('reaches the event, the state and the summary; it is no personal data', () => {
    const reference = formatReference('SE', '7K4Q2');
    const events = open(reference).events();
    expect(events[0]?.data).toMatchObject({ reference });
    const state = stateOf(events);
    expect(state.reference).toBe(reference);
    expect(caseSummary('c-1', state)?.reference).toBe(reference);
    expect(JSON.stringify(events)).not.toContain('personal');
  });

  it('cases opened before references existed replay without one (summary null)', () => {
    const state = stateOf(open().events());
    expect(state.reference).toBeUndefined();
    expect(caseSummary('c-1', state)?.reference).toBeNull();
  });

  it('refuses a malformed reference or one whose check character fails (R22, invalid)', () => {
    const good = formatReference('SE', '7K4Q2');
    const badCheck = good.slice(0, -1) + (good.endsWith('2') ? '3' : '2');
    for (const bad of ['SE-0000-00', badCheck, 'anything']) {
      open(bad).thenRejectedBy('R22', 'invalid');
    }
  });
});
