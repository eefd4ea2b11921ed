/**
 * Property tests over random journeys: the event log is the truth (replay), the clock acts once
 * and never in vain (R20, R21), personal data stays under `personal`, one caseworker always (R22).
 */
import fc from 'fast-check';
import {
  availableActions,
  caseSummary,
  categoriesIn,
  deadlines,
  dueActions,
  evolve,
  evolveAll,
  initialState,
  isTimedCommand,
  RECEIVER_COMMANDS,
  PERSONAL_DATA,
  returnReadiness,
  supportPlan,
  withoutPersonal,
} from '@ariadne/domain';
import { simulate } from '../../../../test/support/decider-spec';
import {
  departureJourneyArb,
  focusedJourneyArb,
  journeyArb,
  journeySteps,
  type Journey,
  PERSONAL_MARKER,
} from '../../../../test/support/fixtures';

const NUM_RUNS = 200;
const journeys = fc.oneof(journeyArb(), departureJourneyArb());

function run(j: Journey) {
  const { past, steps } = journeySteps(j);
  return simulate(past, steps);
}

describe('the event log over random journeys (fast-check)', () => {
  it(`replaying the log gives the same state, whole, twice, or from a JSON snapshot (numRuns ${NUM_RUNS})`, () => {
    fc.assert(
      fc.property(journeys, fc.nat(), (j, cut) => {
        const { state, log } = run(j);
        expect(evolveAll(initialState(), log)).toEqual(state);
        expect(evolveAll(initialState(), log)).toEqual(evolveAll(initialState(), log));
        // The workflow carries the state across continue-as-new as JSON.
        const k = cut % (log.length + 1);
        const snapshot = JSON.parse(JSON.stringify(evolveAll(initialState(), log.slice(0, k))));
        expect(log.slice(k).reduce(evolve, snapshot)).toEqual(state);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`R20, R21: each reminder and escalation is recorded once per due date; a stall is flagged once until cleared (numRuns ${NUM_RUNS})`, () => {
    // `simulate` also throws if decide ever refuses what nextDueAction proposed.
    let notices = 0;
    fc.assert(
      fc.property(journeys, (j) => {
        const { log } = run(j);
        const seen = new Set<string>();
        let stalled = false;
        for (const e of log) {
          if (e.type === 'DeadlineReminderSent' || e.type === 'DeadlineEscalated') {
            const key = `${e.type}:${e.data.deadline}:${e.data.dueAt}`;
            expect(seen.has(key)).toBe(false);
            seen.add(key);
            notices++;
          }
          if (e.type === 'CaseFlaggedStalled') {
            expect(stalled).toBe(false);
            stalled = true;
          }
          if (e.type === 'CaseStallCleared') stalled = false;
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(notices).toBeGreaterThan(0);
  });

  it(`personal data stays under \`personal\`: never in state, summary, deadlines or timers (numRuns ${NUM_RUNS})`, () => {
    fc.assert(
      fc.property(journeys, (j) => {
        const { state, log } = run(j);
        for (const e of log) {
          const categories = categoriesIn((e.data as { personal?: object }).personal);
          expect(PERSONAL_DATA[e.type]).toEqual(expect.arrayContaining(categories));
          expect(JSON.stringify(withoutPersonal(e))).not.toContain(PERSONAL_MARKER);
        }
        expect(evolveAll(initialState(), log.map(withoutPersonal))).toEqual(state);
        const derived = [
          state,
          caseSummary('case-1', state),
          deadlines(state),
          dueActions(state),
          returnReadiness(state),
          supportPlan(state),
        ];
        expect(JSON.stringify(derived)).not.toContain(PERSONAL_MARKER);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`R22: an open case always has exactly one responsible caseworker; only a supervisor changes it (numRuns ${NUM_RUNS})`, () => {
    fc.assert(
      fc.property(journeys, (j) => {
        for (const o of run(j).outcomes) {
          if (o.before.status === 'none') continue;
          expect(o.before.assigneeId).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]*$/);
          const reassigned = o.events.some((e) => e.type === 'CaseReassigned');
          if (reassigned) expect(o.step.actor?.role).toBe('supervisor');
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`R5: declining a service changes no other service (numRuns ${NUM_RUNS})`, () => {
    // Two immediate services first (confidential address, health care), then mostly service moves.
    const serviceJourneys = focusedJourneyArb(
      [
        'needs',
        'request-service',
        'decline-service',
        'provide-service',
        'unavailable-service',
        'consent-service',
        'withdraw-consent',
      ],
      [
        { kind: 'request-service', pick: 1 },
        { kind: 'request-service', pick: 2 },
      ],
    );
    let declinedAmongOthers = 0;
    fc.assert(
      fc.property(fc.oneof(journeys, serviceJourneys), (j) => {
        for (const o of run(j).outcomes) {
          const declined = o.events.find((e) => e.type === 'ServiceDeclined');
          if (declined?.type !== 'ServiceDeclined' || o.before.status === 'none') continue;
          const after = o.events.reduce(evolve, o.before);
          if (after.status === 'none') throw new Error('unreachable');
          const others = (s: typeof after) =>
            s.services.filter((x) => x.serviceId !== declined.data.serviceId);
          if (others(o.before).length > 0) declinedAmongOthers++;
          expect(others(after)).toEqual(others(o.before));
          expect(after.consents).toEqual(o.before.consents);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(declinedAmongOthers).toBeGreaterThan(10);
  });

  it(`R18: a referral never carries a category outside her current consent to that recipient (numRuns ${NUM_RUNS})`, () => {
    const referralJourneys = focusedJourneyArb([
      'consent-sharing',
      'send-referral',
      'withdraw-consent',
      'pathway',
      'referral-response',
    ]);
    let sent = 0;
    fc.assert(
      fc.property(fc.oneof(journeys, referralJourneys), (j) => {
        for (const o of run(j).outcomes) {
          for (const e of o.events) {
            if (e.type !== 'CrossBorderReferralSent' || o.before.status === 'none') continue;
            sent++;
            const consent = o.before.consents.find((c) => c.consentId === e.data.consentId);
            expect(consent?.withdrawnAt).toBeUndefined();
            if (consent?.scope.kind !== 'data-sharing') throw new Error('not a sharing consent');
            expect(consent.scope.recipientOrganisationId).toBe(e.data.recipientOrganisationId);
            expect(consent.scope.purpose).toBe(e.data.purpose);
            for (const c of [...e.data.categories, ...categoriesIn(e.data.personal)]) {
              expect(consent.scope.categories).toContain(c);
            }
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(sent).toBeGreaterThan(10);
  });

  it(`availableActions lists every command decide accepts for that actor at that time (numRuns 200)`, () => {
    fc.assert(
      fc.property(journeyArb(30), (j) => {
        for (const o of run(j).outcomes) {
          if (o.timed || o.rejectedBy || o.step.command.type === 'OpenCase') continue;
          if (isTimedCommand(o.step.command.type)) continue;
          // R18: the receiving organisation's answers are not actions of the case (/actions).
          if ((RECEIVER_COMMANDS as readonly string[]).includes(o.step.command.type)) continue;
          expect(availableActions(o.before, o.step.actor, o.step.at)).toContain(
            o.step.command.type,
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
