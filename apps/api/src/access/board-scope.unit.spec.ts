import type { Actor, Role } from '@ariadne/domain';
import { boardScope, organisationDirectoryScope } from './board-scope';

const actor = (role: Role, organisationId = 'se-ngo-1'): Actor => ({
  userId: `${organisationId}-${role}`,
  organisationId,
  role,
});

describe('boardScope: role × organisation/country', () => {
  it('a supervisor sees her own organisation on the supervision board and in statistics', () => {
    expect(boardScope('supervision', actor('supervisor'), 'SE')).toEqual({
      organisationId: 'se-ngo-1',
    });
    expect(boardScope('statistics', actor('supervisor', 'se-shelter-1'), null)).toEqual({
      organisationId: 'se-shelter-1',
    });
    expect(boardScope('coordination', actor('supervisor'), 'SE')).toBeNull();
  });

  it("a coordinator sees her organisation's country on the coordination board and in statistics", () => {
    expect(boardScope('coordination', actor('coordinator', 'no-nc'), 'NO')).toEqual({
      country: 'NO',
    });
    expect(boardScope('statistics', actor('coordinator', 'se-nc'), 'SE')).toEqual({
      country: 'SE',
    });
    expect(boardScope('supervision', actor('coordinator', 'se-nc'), 'SE')).toBeNull();
  });

  it('an admin sees statistics of her country only, no case board', () => {
    expect(boardScope('statistics', actor('admin', 'se-nc'), 'SE')).toEqual({ country: 'SE' });
    expect(boardScope('supervision', actor('admin', 'se-nc'), 'SE')).toBeNull();
    expect(boardScope('coordination', actor('admin', 'se-nc'), 'SE')).toBeNull();
  });

  it('caseworkers, auditors and the system see no board', () => {
    for (const role of ['caseworker', 'auditor', 'system'] as const) {
      for (const board of ['supervision', 'coordination', 'statistics'] as const) {
        expect(boardScope(board, actor(role), 'SE')).toBeNull();
      }
    }
  });

  it('a country-wide scope needs a known organisation', () => {
    expect(boardScope('coordination', actor('coordinator', 'gone'), null)).toBeNull();
    expect(boardScope('statistics', actor('admin', 'gone'), null)).toBeNull();
  });
});

describe('organisationDirectoryScope: whose names she may read', () => {
  it('caseworkers and supervisors read their own organisation only', () => {
    expect(organisationDirectoryScope(actor('caseworker'), 'SE')).toEqual({
      organisationId: 'se-ngo-1',
    });
    expect(organisationDirectoryScope(actor('supervisor', 'se-shelter-1'), 'SE')).toEqual({
      organisationId: 'se-shelter-1',
    });
  });

  it("coordinators, auditors and admins read their organisation's country", () => {
    for (const role of ['coordinator', 'auditor', 'admin'] as const) {
      expect(organisationDirectoryScope(actor(role, 'no-nc'), 'NO')).toEqual({ country: 'NO' });
      expect(organisationDirectoryScope(actor(role, 'gone'), null)).toBeNull();
    }
  });

  it('the system reads none', () => {
    expect(organisationDirectoryScope(actor('system'), 'SE')).toBeNull();
  });
});
