/**
 * availableActions agrees with decide in random journeys (fast-check). A property file, so
 * mutation testing leaves it out (docs/mutation.md); actions.unit.spec.ts runs the same check
 * on a few fixed samples.
 */
import fc from 'fast-check';
import { MANUAL_COMMAND_TYPES } from '@ariadne/domain';
import {
  actionJourneyArb,
  expectActionsMatchDecide,
  NETWORK_COMMANDS,
} from '../../../../test/support/actions-check';

describe('availableActions ⇔ decide in random journeys (fast-check)', () => {
  it('accepted ⇒ listed, and listed ⇒ accepted, for each actor, in random journeys (numRuns 40, fixed seed)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(actionJourneyArb, (j) => expectActionsMatchDecide(j, seen)),
      // A fixed seed: the coverage below must not depend on luck. Change it when journeys change.
      { numRuns: 40, seed: 8 },
    );
    // Not vacuous: every command type was accepted somewhere (and so checked against the list).
    expect(
      MANUAL_COMMAND_TYPES.filter((t) => !seen.has(t) && !NETWORK_COMMANDS.includes(t)),
    ).toEqual([]);
  });
});
