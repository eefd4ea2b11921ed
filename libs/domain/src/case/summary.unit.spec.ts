import { caseSummary, DEFAULT_POLICIES, initialState, readinessStatus } from '@ariadne/domain';
import { history, stateOf } from '../../../../test/support/decider-spec';
import {
  COMM,
  day,
  departureSteps,
  END_REFLECTION,
  IDENTIFY,
  OPENED_AT,
  opened,
} from '../../../../test/support/fixtures';

const SE = DEFAULT_POLICIES.SE;

describe('the case summary read model', () => {
  it('is nothing before the case exists', () => {
    expect(caseSummary('c-1', initialState())).toBeUndefined();
    expect(readinessStatus(initialState())).toBe('not-applicable');
  });

  it('a case just opened: intake, no decisions yet, its first obligations due', () => {
    const s = stateOf([opened()]);
    expect(caseSummary('c-1', s)).toMatchObject({
      caseId: 'c-1',
      reference: null,
      version: 1,
      status: 'open',
      phase: 'intake',
      pathway: 'undecided',
      stalledSince: null,
      returnReadiness: 'not-applicable',
      returnChecklist: null,
      // R4 and R9: the health check and the risk assessment are due two days after opening …
      earliestDueAt: day(2),
      country: 'SE',
      organisationId: 'se-ngo-1',
      assigneeId: 'cw-1',
      referralSource: 'ngo-outreach',
      policyVersion: SE.version,
      openedAt: OPENED_AT,
      identificationOutcome: null,
      reflectionStartedAt: null,
      reflectionEndsAt: null,
      reflectionEndedAt: null,
      lastProgressAt: OPENED_AT,
      // … and reminded halfway there (R20).
      nextDueAt: day(1),
    });
  });

  it('identification and the reflection period show; a met obligation is no longer the earliest', () => {
    const s = stateOf(
      history(
        [opened()],
        [IDENTIFY, day(1)],
        [{ type: 'RecordHealthCheckOffered' }, day(1)],
        [
          {
            type: 'RecordRiskAssessment',
            scope: 'general',
            level: 'medium',
            protectionMeasures: ['safety-plan'],
          },
          day(1),
        ],
      ),
    );
    const summary = caseSummary('c-1', s);
    expect(summary).toMatchObject({
      phase: 'reflection',
      identificationOutcome: 'reasonable-grounds',
      reflectionStartedAt: day(1),
      reflectionEndsAt: day(31),
      reflectionEndedAt: null,
      lastProgressAt: day(1),
    });
    // The rights information (R10, three days) is the earliest obligation still open.
    expect(summary?.earliestDueAt).toBe(day(3));
  });

  it('on a return path: the checklist item by item, incomplete until every item holds', () => {
    const running = stateOf(history([opened()], ...departureSteps('return')));
    const summary = caseSummary('c-1', running);
    expect(summary?.returnReadiness).toBe('incomplete');
    expect(readinessStatus(running)).toBe('incomplete');
    expect(summary?.returnChecklist).toContainEqual({ item: 'reflection-period-over', met: false });
    expect(summary?.returnChecklist).toContainEqual({ item: 'consent', met: true });
    expect(summary?.returnChecklist?.filter((i) => !i.met)).toHaveLength(1);
    // Names and flags only: never the reasons (which could grow into content).
    for (const entry of summary?.returnChecklist ?? []) {
      expect(Object.keys(entry).sort()).toEqual(['item', 'met']);
    }

    const ready = stateOf(history([opened()], ...departureSteps('return'), END_REFLECTION));
    expect(caseSummary('c-1', ready)).toMatchObject({
      phase: 'return',
      pathway: 'return',
      returnReadiness: 'ready',
      reflectionEndedAt: day(31),
    });
    expect(caseSummary('c-1', ready)?.returnChecklist?.every((i) => i.met)).toBe(true);
    expect(readinessStatus(ready)).toBe('ready');
  });

  it('a stalled case says since when; a closed case says closed', () => {
    const stalled = stateOf(
      history(
        [opened()],
        [
          { type: 'FlagCaseStalled' },
          day(31),
          { userId: 'system', organisationId: 'system', role: 'system' },
        ],
      ),
    );
    expect(caseSummary('c-1', stalled)?.stalledSince).toBe(OPENED_AT);

    const closed = stateOf(
      history(
        [opened()],
        [{ type: 'RecordPathwayChoice', pathway: 'integration', communication: COMM }, day(2)],
        [{ type: 'CloseCase', reason: 'support-completed' }, day(10)],
      ),
    );
    expect(caseSummary('c-1', closed)).toMatchObject({
      status: 'closed',
      phase: 'closed',
      pathway: 'integration',
      returnReadiness: 'not-applicable',
      returnChecklist: null,
      earliestDueAt: null,
    });
  });
});
