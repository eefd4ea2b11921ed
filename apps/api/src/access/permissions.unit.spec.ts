import type { Actor } from '@ariadne/domain';
import { ProblemException } from '../common/problem';
import { caseListScope, type CasePermission, isAllowed, requireAccess } from './permissions';

const actor = (role: Actor['role'], userId = 'u', organisationId = 'se-ngo-1'): Actor => ({
  role,
  userId,
  organisationId,
});
const CASE_PERMISSIONS: readonly CasePermission[] = ['case.read', 'case.command'];

describe('P3 need to know: who may act on a case', () => {
  const c = { organisationId: 'se-ngo-1', assigneeId: 'cw-1' };
  const may = (a: Actor): boolean[] => CASE_PERMISSIONS.map((p) => isAllowed(a, p, c));

  it('the assigned caseworker and her organisation’s supervisors', () => {
    expect(may(actor('caseworker', 'cw-1'))).toEqual([true, true]);
    expect(may(actor('supervisor'))).toEqual([true, true]);
  });

  it('not another caseworker, nor anyone of another organisation', () => {
    expect(may(actor('caseworker', 'cw-2'))).toEqual([false, false]);
    expect(may(actor('caseworker', 'cw-1', 'no-ngo-1'))).toEqual([false, false]);
    expect(may(actor('supervisor', 'sup', 'no-ngo-1'))).toEqual([false, false]);
  });

  it('admins, auditors, coordinators and the system see no case content by default', () => {
    for (const role of ['admin', 'auditor', 'coordinator', 'system'] as const) {
      expect(may(actor(role))).toEqual([false, false]);
      expect(caseListScope(actor(role))).toBeNull();
    }
  });

  it('the list scope is the same rule: hers for a caseworker, the organisation for a supervisor', () => {
    expect(caseListScope(actor('caseworker', 'cw-1'))).toEqual({
      organisationId: 'se-ngo-1',
      assigneeId: 'cw-1',
    });
    expect(caseListScope(actor('supervisor'))).toEqual({ organisationId: 'se-ngo-1' });
  });

  it('a refused case answers exactly as a missing case (404 case-not-found)', () => {
    expect.assertions(2);
    try {
      requireAccess(actor('caseworker', 'cw-2'), 'case.read', c);
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemException);
      expect((e as ProblemException).problem).toMatchObject({
        status: 404,
        type: expect.stringMatching(/case-not-found$/),
      });
    }
  });
});

describe('P3, P8: who may see which board', () => {
  it('allows by the board scope and refuses with 403 naming the roles', () => {
    expect(isAllowed(actor('supervisor'), 'board.supervision', { country: null })).toBe(true);
    expect(isAllowed(actor('coordinator'), 'board.coordination', { country: 'SE' })).toBe(true);
    expect(isAllowed(actor('coordinator'), 'board.coordination', { country: null })).toBe(false);
    expect(() => requireAccess(actor('caseworker'), 'board.statistics', { country: 'SE' })).toThrow(
      expect.objectContaining({ problem: expect.objectContaining({ status: 403 }) }),
    );
  });
});
