/**
 * Small edges that no journey reaches, each held by a test (mutation testing found them
 * unchecked, docs/mutation.md).
 */
import {
  type CaseEvent,
  cellText,
  DEFAULT_POLICIES,
  evolve,
  initialState,
  isPartnerFactKind,
  PolicyRegistry,
  RuleViolation,
  supportPlan,
} from '@ariadne/domain';
import { opened } from '../../../../test/support/fixtures';

describe('a case that does not exist yet', () => {
  it('has an empty plan', () => {
    expect(supportPlan(initialState())).toEqual({ entries: [], outsideAssessedNeeds: [] });
  });

  it('takes no event but its opening, and says which event came', () => {
    const need = {
      type: 'ImmediateNeedRecorded',
      data: { need: 'safety', recordedAt: '2026-01-05T09:00:00.000Z' },
    } as CaseEvent;
    expect(() => evolve(initialState(), need)).toThrow(
      'ImmediateNeedRecorded cannot apply to a case that is not open',
    );
  });
});

describe('an opened case', () => {
  it('holds no referral time nor reference it was not given (not even as undefined)', () => {
    // The fixture's opening carries neither.
    const s = evolve(initialState(), opened());
    expect(s).not.toHaveProperty('referredAt');
    expect(s).not.toHaveProperty('reference');
  });
});

describe('a partner organisation’s facts', () => {
  it('knows the kinds of fact a partner may send, and nothing else', () => {
    expect(isPartnerFactKind('shelter-check-in')).toBe(true);
    for (const other of ['Shelter-check-in', 'note', 7, undefined]) {
      expect(isPartnerFactKind(other)).toBe(false);
    }
  });
});

describe('a rule violation', () => {
  it('is named as such, with its rule and kind', () => {
    const e = new RuleViolation('R5', 'No consent.', 'forbidden');
    expect([e.name, e.rule, e.kind, e.message]).toEqual([
      'RuleViolation',
      'R5',
      'forbidden',
      'No consent.',
    ]);
    expect(new RuleViolation('R1', 'Already decided.').kind).toBe('conflict');
  });
});

describe('the policy registry', () => {
  it('lists the country of every default policy, each once', () => {
    const countries = new PolicyRegistry().countries();
    expect([...countries].sort()).toEqual(
      Object.values(DEFAULT_POLICIES)
        .map((p) => p.country)
        .sort(),
    );
  });
});

describe('cellText: the text of an HTCDS template cell as exceljs gives it', () => {
  it('reads rich text, a hyperlink and a formula by their text', () => {
    expect(cellText({ richText: [{ text: 'Sex' }, { text: ': F' }, {}] })).toBe('Sex: F');
    expect(cellText({ text: ' LV ', hyperlink: 'https://example.org' })).toBe('LV');
    expect(cellText({ formula: 'A1', result: 42 })).toBe('42');
    expect(cellText({ formula: 'A1', result: undefined })).toBe('');
  });

  it('reads text without its spaces, a no-break space as a space, numbers and booleans as text', () => {
    expect(cellText(' Riga\u00a0centre ')).toBe('Riga centre');
    expect(cellText(42)).toBe('42');
    expect(cellText(false)).toBe('false');
  });

  it('reads a date cell as its day, and an invalid date as nothing', () => {
    expect(cellText(new Date('2026-03-01T00:00:00.000Z'))).toBe('2026-03-01');
    expect(cellText(new Date('not a date'))).toBe('');
  });

  it('answers nothing for an object of another shape', () => {
    expect(cellText({ error: '#N/A' })).toBe('');
    expect(cellText({ richText: 'not a list' })).toBe('');
  });
});
