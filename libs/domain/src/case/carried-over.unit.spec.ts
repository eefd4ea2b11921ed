import {
  type CaseCommand,
  type CaseEvent,
  decide,
  type DecisionContext,
  evolve,
  initialState,
  type OpenCase,
  type RecordIdentification,
  RuleViolation,
  subtractDuration,
} from '@ariadne/domain';
import { SE } from '../../../../test/support/fixtures';

/**
 * R26a: facts carried over from an organisation's previous records (the HTCDS import) are exempt
 * from the maximum recording lag (R26), never from R24 (not in the future) or R25 (not before her
 * referral). The exemption is the decision context's `carriedOver`, which only the workflow sets
 * from the envelope the API's import service builds.
 */

const NOW = '2026-12-01T10:00:00.000Z';
const A_YEAR_AGO = subtractDuration(NOW, 'P365D');
const CW = { userId: 'cw-1', organisationId: 'se-ngo-1', role: 'caseworker' } as const;
const IMPORT: DecisionContext = { now: NOW, actor: CW, carriedOver: 'htcds-import' };
const ORDINARY: DecisionContext = { now: NOW, actor: CW };

const openCase = (occurredAt: string): OpenCase => ({
  type: 'OpenCase',
  referralSource: 'other',
  policy: SE,
  organisationId: 'se-ngo-1',
  assigneeId: 'cw-1',
  occurredAt,
});
const identify = (occurredAt: string): RecordIdentification => ({
  type: 'RecordIdentification',
  outcome: 'reasonable-grounds',
  decidedBy: 'ngo',
  occurredAt,
});

function fold(events: readonly CaseEvent[]) {
  return events.reduce(evolve, initialState());
}

function refusal(command: CaseCommand, ctx: DecisionContext, past: CaseEvent[] = []): string {
  try {
    decide(fold(past), command, ctx);
  } catch (e) {
    if (e instanceof RuleViolation) return e.rule;
    throw e;
  }
  return 'accepted';
}

describe('R26a: facts carried over by the HTCDS import', () => {
  it('opens a case referred a year ago (older than the P90D lag); the ordinary command is refused by R26', () => {
    expect(SE.recording?.maxLag).toBe('P90D');
    expect(refusal(openCase(A_YEAR_AGO), ORDINARY)).toBe('R26');
    const events = decide(initialState(), openCase(A_YEAR_AGO), IMPORT);
    expect(events[0]).toMatchObject({
      type: 'CaseOpened',
      data: { openedAt: NOW, occurredAt: A_YEAR_AGO, carriedOver: 'htcds-import' },
    });
    // Her deadlines run from the referral carried over.
    expect(fold(events)).toMatchObject({ status: 'open', referredAt: A_YEAR_AGO });
  });

  it('a fact older than the lag on an imported case: accepted when carried over, R26 otherwise', () => {
    const past = decide(initialState(), openCase(A_YEAR_AGO), IMPORT);
    const old = subtractDuration(NOW, 'P200D');
    expect(refusal(identify(old), ORDINARY, past)).toBe('R26');
    const events = decide(fold(past), identify(old), IMPORT);
    expect(events[0]).toMatchObject({
      type: 'IdentificationDecided',
      data: { decidedAt: NOW, occurredAt: old },
    });
  });

  it('still bound by R24 (never in the future) and R25 (never before her referral)', () => {
    expect(refusal(openCase('2026-12-02T10:00:00.000Z'), IMPORT)).toBe('R24');
    const past = decide(initialState(), openCase(A_YEAR_AGO), IMPORT);
    expect(refusal(identify(subtractDuration(A_YEAR_AGO, 'P1D')), IMPORT, past)).toBe('R25');
    expect(refusal(identify('2026-12-02T10:00:00.000Z'), IMPORT, past)).toBe('R24');
    // The day of her referral itself is not before it.
    expect(refusal(identify(A_YEAR_AGO), IMPORT, past)).toBe('accepted');
  });

  it('only a known source lifts R26 (the context may come from JSON)', () => {
    const forged = { ...ORDINARY, carriedOver: 'anything' } as unknown as DecisionContext;
    expect(refusal(openCase(A_YEAR_AGO), forged)).toBe('R26');
  });

  it('an ordinary opening records no carriedOver marker', () => {
    const events = decide(initialState(), openCase(subtractDuration(NOW, 'P3D')), ORDINARY);
    expect(events[0]?.data).not.toHaveProperty('carriedOver');
  });
});
