import type { CaseCommand } from '@ariadne/domain';
import { given, history, SYSTEM } from '../../../../test/support/decider-spec';
import { COMM, day, opened, SUPERVISOR } from '../../../../test/support/fixtures';

/**
 * decide's own gate before any decider (case/decide.ts): which commands a case takes in each
 * of its states (R22 an open case, R23 closure and erasure), each refusal naming its rule and
 * saying what to do instead.
 */
const closed = () =>
  history([opened()], [{ type: 'CloseCase', reason: 'support-completed' }, day(2)]);
const erased = () =>
  history(closed(), [{ type: 'EraseOnRequest', communication: COMM }, day(3), SUPERVISOR]);

const CLOSED_COMMANDS: CaseCommand[] = [
  { type: 'ReopenCase', reason: 'new-information' },
  { type: 'ErasePersonalData' },
  { type: 'EraseOnRequest', communication: COMM },
];

describe('decide: what a case takes in each state', () => {
  it('no case: only its opening (R22)', () => {
    const e = given().when({ type: 'RecordHealthCheckOffered' }, day(0)).thenRejectedBy('R22');
    expect(e.message).toBe('The case is not open.');
  });

  it.each(CLOSED_COMMANDS)('an open case refuses $type: close it first (R23)', (command) => {
    const e = given(opened()).when(command, day(1), SUPERVISOR).thenRejectedBy('R23', 'conflict');
    expect(e.message).toBe('The case is open; close it first, with a reason.');
  });

  it('a closed case refuses the journey’s commands: reopen it first (R23)', () => {
    const e = given(...closed())
      .when({ type: 'RecordHealthCheckOffered' }, day(3))
      .thenRejectedBy('R23', 'conflict');
    expect(e.message).toBe('The case is closed; reopen it first.');
  });

  it('a closed case takes each of the closed-case commands', () => {
    expect(
      given(...closed())
        .when({ type: 'ReopenCase', reason: 'new-information' }, day(3))
        .events()
        .map((e) => e.type),
    ).toEqual(['CaseReopened']);
    expect(
      given(...closed())
        .when({ type: 'EraseOnRequest', communication: COMM }, day(3), SUPERVISOR)
        .events()
        .map((e) => e.type),
    ).toEqual(['PersonalDataErased']);
    expect(
      given(...closed())
        .when({ type: 'ErasePersonalData' }, '2031-01-08T08:00:00.000Z', SYSTEM)
        .events()
        .map((e) => e.type),
    ).toEqual(['PersonalDataErased']);
  });

  it.each(CLOSED_COMMANDS)('an erased case is final: it refuses even $type (R23)', (command) => {
    const e = given(...erased())
      .when(command, '2031-01-08T08:00:00.000Z', SUPERVISOR)
      .thenRejectedBy('R23', 'conflict');
    expect(e.message).toBe('Her personal data is erased; the case is final.');
  });
});
