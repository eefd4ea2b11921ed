import type { Actor } from '@ariadne/domain';
import { mayActOnCase } from './case-access';

describe('P3 need to know: who may act on a case', () => {
  const c = { organisationId: 'se-ngo-1', assigneeId: 'cw-1' };
  const actor = (role: Actor['role'], userId = 'u', organisationId = 'se-ngo-1'): Actor => ({
    role,
    userId,
    organisationId,
  });

  it('the assigned caseworker and her organisation’s supervisors', () => {
    expect(mayActOnCase(actor('caseworker', 'cw-1'), c)).toBe(true);
    expect(mayActOnCase(actor('supervisor'), c)).toBe(true);
  });

  it('not another caseworker, nor anyone of another organisation', () => {
    expect(mayActOnCase(actor('caseworker', 'cw-2'), c)).toBe(false);
    expect(mayActOnCase(actor('caseworker', 'cw-1', 'no-ngo-1'), c)).toBe(false);
    expect(mayActOnCase(actor('supervisor', 'sup', 'no-ngo-1'), c)).toBe(false);
  });

  it('admins, auditors and coordinators see no case content by default', () => {
    for (const role of ['admin', 'auditor', 'coordinator'] as const)
      expect(mayActOnCase(actor(role), c)).toBe(false);
  });
});
