/**
 * Property tests over random journeys: the gates that protect her hold in every reachable state.
 * Each journey is up to 60 random moves by random actors over months or years, under one of
 * the eight country policies, with the case's own timers firing as the workflow fires them.
 */
import fc from 'fast-check';
import {
  addDuration,
  type CaseEvent,
  type CaseState,
  type CountryPolicy,
  decide,
  DEPARTURE_PATHWAYS,
  type DeparturePathway,
  EARLY_END_REASONS,
  isAtOrAfter,
  SERVICE_BASES,
} from '@ariadne/domain';
import {
  type SimulatedStep,
  simulate,
  type StepOutcome,
} from '../../../../test/support/decider-spec';
import {
  departureJourneyArb,
  focusedJourneyArb,
  journeyArb,
  journeySteps,
  type Journey,
} from '../../../../test/support/fixtures';

const NUM_RUNS = 300;

function run(j: Journey) {
  const { past, steps } = journeySteps(j);
  return simulate(past, steps);
}

/**
 * An oracle for R7 + R14/R16 written against the raw event log, independently of the domain's
 * state and readiness code: is a departure allowed at `now` after these events?
 */
function gateHolds(log: readonly CaseEvent[], now: string): boolean {
  let policy: CountryPolicy | undefined;
  let pathway = 'undecided';
  let choiceIndex = -1;
  let reflectionRunning = false;
  let departed = false;
  let closed = false;
  let needsAssessed = false;
  let legalConsidered = false;
  const consents = new Map<string, { kind: string; index: number; withdrawn: boolean }>();
  const lastRisk = new Map<string, { at: string; acceptable: boolean }>();
  const referrals = new Map<string, { purpose: string; consentId: string; accepted: boolean }>();
  const plan = new Map<string, { funded: boolean }>();
  const contacts = new Set<string>();
  const travel = new Set<string>();
  log.forEach((e, index) => {
    switch (e.type) {
      case 'CaseOpened':
        policy = e.data.policy;
        break;
      case 'ReflectionPeriodStarted':
        reflectionRunning = true;
        break;
      case 'ReflectionPeriodEnded':
        reflectionRunning = false;
        break;
      case 'PathwayChosen':
        pathway = e.data.pathway;
        choiceIndex = index;
        break;
      case 'ReturnSuspended':
        pathway = 'undecided';
        break;
      case 'ConsentGiven':
        consents.set(e.data.consentId, { kind: e.data.scope.kind, index, withdrawn: false });
        break;
      case 'ConsentWithdrawn': {
        const c = consents.get(e.data.consentId);
        if (c) c.withdrawn = true;
        break;
      }
      case 'RiskAssessed':
        if (e.data.scope === 'departure' && e.data.pathway) {
          lastRisk.set(e.data.pathway, { at: e.data.assessedAt, acceptable: !!e.data.acceptable });
        }
        break;
      case 'NeedsAssessed':
        needsAssessed = true;
        break;
      case 'CrossBorderReferralSent':
        referrals.set(e.data.referralId, {
          purpose: e.data.purpose,
          consentId: e.data.consentId,
          accepted: false,
        });
        break;
      case 'CrossBorderReferralAccepted': {
        const r = referrals.get(e.data.referralId);
        if (r) r.accepted = true;
        break;
      }
      case 'ReintegrationPlanRecorded':
        plan.set(e.data.pathway, { funded: false });
        break;
      case 'ReintegrationFundingApproved': {
        const p = plan.get(e.data.pathway);
        if (p) p.funded = true;
        break;
      }
      case 'AssistingContactsGiven':
        contacts.add(e.data.pathway);
        break;
      case 'TravelArranged':
        travel.add(e.data.pathway);
        break;
      case 'LegalStatusConsidered':
        legalConsidered = true;
        break;
      case 'ReturnExecuted':
        departed = true;
        break;
      case 'CaseClosed':
        closed = true;
        break;
      case 'CaseReopened':
        closed = false;
        break;
      default:
        break;
    }
  });
  if (!policy || closed || departed || reflectionRunning) return false;
  if (!(DEPARTURE_PATHWAYS as readonly string[]).includes(pathway)) return false;
  const p = pathway as DeparturePathway;
  const reception = p === 'return' ? 'return-reception' : 'third-country-reception';
  const risk = lastRisk.get(p);
  return (
    [...consents.values()].some(
      (c) => c.kind === 'return' && !c.withdrawn && c.index > choiceIndex,
    ) &&
    !!risk &&
    risk.acceptable &&
    isAtOrAfter(addDuration(risk.at, policy.returnRiskAssessmentValidFor), now) &&
    needsAssessed &&
    [...referrals.values()].some(
      (r) =>
        r.purpose === reception && r.accepted && consents.get(r.consentId)?.withdrawn === false,
    ) &&
    plan.get(p)?.funded === true &&
    contacts.has(p) &&
    legalConsidered &&
    travel.has(p)
  );
}

describe('gates over random journeys (fast-check)', () => {
  it(`R14, R16, R7: a departure is executed exactly when the whole gate holds (numRuns ${NUM_RUNS})`, () => {
    let executed = 0;
    let refusedWhileReady = 0;
    fc.assert(
      fc.property(fc.oneof(journeyArb(), departureJourneyArb()), (j) => {
        const { outcomes, log } = run(j);
        for (const o of outcomes) {
          if (o.step.command.type !== 'ExecuteReturn' || o.before.status !== 'open') continue;
          const holds = gateHolds(log.slice(0, o.logLength), o.step.at);
          const accepted = o.events.some((e) => e.type === 'ReturnExecuted');
          if (accepted) executed++;
          if (holds && !accepted) refusedWhileReady++;
          expect(accepted).toBe(holds);
        }
      }),
      { numRuns: NUM_RUNS },
    );
    // The property is not vacuous: random journeys do reach the gate and pass it.
    expect(executed).toBeGreaterThan(5);
    expect(refusedWhileReady).toBe(0);
  });

  it(`R4: a health-care request is accepted in every state of an open case (numRuns ${NUM_RUNS})`, () => {
    fc.assert(
      fc.property(journeyArb(), (j) => {
        for (const o of run(j).outcomes) {
          if (o.before.status !== 'open') continue;
          for (const basis of SERVICE_BASES) {
            const events = decide(
              o.before,
              { type: 'RequestService', kind: 'health-care', basis },
              { now: o.step.at, ...(o.step.actor && { actor: o.step.actor }) },
            );
            expect(events[0]?.type).toBe('ServiceRequested');
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`R3, R11: legal-track and asylum steps change no other decision (numRuns ${NUM_RUNS})`, () => {
    const legalMove = fc.record({
      before: fc.nat(59),
      command: fc.oneof(
        fc
          .constantFrom(
            'police-report-filed',
            'police-report-declined',
            'witness-role-accepted',
            'witness-role-declined',
            'investigation-closed',
            'compensation-claimed',
          )
          .map((step) => ({ type: 'RecordLegalStep' as const, step })),
        fc.constantFrom('lodged', 'refused', 'withdrawn').map((status) => ({
          type: 'RecordAsylumClaim' as const,
          status,
        })),
      ),
    });
    fc.assert(
      fc.property(journeyArb(), fc.array(legalMove, { minLength: 1, maxLength: 8 }), (j, legal) => {
        const { past, steps } = journeySteps(j);
        const plain = simulate(past, steps);
        // The same journey with legal steps slipped in just before a step, at that step's time.
        const inserted = new Set<SimulatedStep>();
        const interleaved = steps.flatMap((step, i) => [
          ...legal
            .filter((l) => l.before % steps.length === i)
            .map((l) => (s: CaseState): SimulatedStep => {
              const legalStep = { command: l.command, at: step(s).at };
              inserted.add(legalStep);
              return legalStep;
            }),
          step,
        ]);
        const withLegal = simulate(past, interleaved);
        const summary = (o: StepOutcome) => ({
          type: o.step.command.type,
          events: o.events,
          rule: o.rejectedBy?.rule,
        });
        // The legal track is always recordable on an open case, whatever else happened…
        for (const o of withLegal.outcomes.filter((x) => inserted.has(x.step))) {
          if (o.before.status === 'open') expect(o.rejectedBy).toBeUndefined();
        }
        // …and every other decision, timed ones included, comes out exactly the same.
        const rest = withLegal.outcomes.filter((o) => !inserted.has(o.step)).map(summary);
        expect(rest).toEqual(plain.outcomes.map(summary));
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it(`R7, R8: only a supervisor's recorded reason ends a reflection period early (numRuns ${NUM_RUNS})`, () => {
    let early = 0;
    const reflectionJourneys = focusedJourneyArb(
      ['end-early', 'extend', 'execute-return', 'pathway', 'close', 'reopen'],
      ['identify+'],
    );
    fc.assert(
      fc.property(fc.oneof(journeyArb(), reflectionJourneys), (j) => {
        for (const o of run(j).outcomes) {
          for (const e of o.events) {
            if (e.type !== 'ReflectionPeriodEnded' || o.before.status === 'none') continue;
            const endsAt = o.before.reflection?.endsAt as string;
            if (isAtOrAfter(e.data.endedAt, endsAt) && e.data.reason === 'elapsed') continue;
            early++;
            expect(EARLY_END_REASONS).toContain(e.data.reason);
            expect(o.step.actor?.role).toBe('supervisor');
            expect(o.step.actor?.organisationId).toBe(o.before.organisationId);
            expect(e.data.decidedBy).toBe(o.step.actor?.userId);
          }
          // An early end that is refused is refused for a reflection rule, nothing else.
          if (
            o.step.command.type === 'EndReflectionPeriodEarly' &&
            o.rejectedBy &&
            o.before.status === 'open'
          ) {
            expect(['R7', 'R8']).toContain(o.rejectedBy.rule);
          }
        }
      }),
      { numRuns: NUM_RUNS },
    );
    expect(early).toBeGreaterThan(0);
  });
});
