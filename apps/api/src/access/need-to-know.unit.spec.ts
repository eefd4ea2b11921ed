import { type Actor, DATA_CATEGORIES } from '@ariadne/domain';
import {
  isRecordRestricted,
  RESTRICTED_CATEGORIES,
  visibleCategories,
  withoutHiddenCategories,
} from './need-to-know';

const actor = (role: Actor['role'], userId: string, organisationId = 'se-ngo-1'): Actor => ({
  role,
  userId,
  organisationId,
});
const CASE = { organisationId: 'se-ngo-1', assigneeId: 'cw-1' };
const risk = (protectionMeasures: string[]) => ({
  type: 'RiskAssessed',
  data: { scope: 'general', level: 'high', protectionMeasures },
});

describe('P3 need to know by category', () => {
  it('a record is restricted while its latest risk assessment has restricted-record-access', () => {
    expect(isRecordRestricted([])).toBe(false);
    expect(isRecordRestricted([risk(['safety-plan'])])).toBe(false);
    expect(isRecordRestricted([risk(['restricted-record-access'])])).toBe(true);
    expect(
      isRecordRestricted([risk(['restricted-record-access']), { type: 'NoteAdded', data: {} }]),
    ).toBe(true);
    // A later assessment without the measure lifts it.
    expect(isRecordRestricted([risk(['restricted-record-access']), risk([])])).toBe(false);
  });

  it('an unrestricted record shows every category to whoever may see the case', () => {
    for (const a of [
      actor('caseworker', 'cw-1'),
      actor('supervisor', 'sup'),
      actor('coordinator', 'x'),
    ]) {
      expect(visibleCategories(a, CASE, false)).toEqual(DATA_CATEGORIES);
    }
  });

  it('a restricted record: everything for the assigned caseworker and the organisation’s supervisors', () => {
    expect(visibleCategories(actor('caseworker', 'cw-1'), CASE, true)).toEqual(DATA_CATEGORIES);
    expect(visibleCategories(actor('supervisor', 'sup'), CASE, true)).toEqual(DATA_CATEGORIES);
  });

  it('a restricted record hides health, legal and contact-location from everyone else', () => {
    const others = [
      actor('caseworker', 'cw-2'),
      actor('supervisor', 'sup', 'se-shelter-1'),
      actor('caseworker', 'cw-1', 'no-ngo-1'),
      actor('coordinator', 'se-coordinator'),
      actor('auditor', 'se-auditor'),
    ];
    for (const a of others) {
      const visible = visibleCategories(a, CASE, true);
      for (const c of RESTRICTED_CATEGORIES) expect(visible).not.toContain(c);
      expect(visible).toEqual(
        expect.arrayContaining(['identity', 'immigration', 'return', 'notes']),
      );
    }
  });

  it('hidden categories are omitted from an event before decryption; the rest is kept', () => {
    const data = {
      level: 'high',
      personal: { 'contact-location': 'enc:1', return: 'enc:2', health: 'enc:3' },
    };
    expect(withoutHiddenCategories(data, ['identity', 'return'])).toEqual({
      level: 'high',
      personal: { return: 'enc:2' },
    });
    expect(withoutHiddenCategories({ level: 'low' }, [])).toEqual({ level: 'low' });
    expect(withoutHiddenCategories(null, [])).toBeNull();
  });
});
