import type { RefreshTokenRow } from '@ariadne/persistence';
import {
  hashRefreshToken,
  isRefreshTokenShaped,
  judgeRefresh,
  newRefreshToken,
  revokesFamily,
} from './refresh-policy';

const T0 = new Date('2026-11-29T08:00:00Z');
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);
const IDLE = 900;

function row(over: Partial<RefreshTokenRow> = {}): RefreshTokenRow {
  return {
    familyId: 'f-1',
    userId: 'se-ngo-1-cw-1',
    issuedAt: T0,
    expiresAt: at(8 * 3600),
    usedAt: null,
    revokedAt: null,
    authTime: T0,
    ...over,
  };
}

describe('judgeRefresh', () => {
  it('rotates a fresh, unused token of an active account', () => {
    expect(judgeRefresh(row(), true, at(60), IDLE)).toBe('rotate');
  });

  it('ends a session unused for the idle time, counted from the token’s issue (ASVS 7.3.1)', () => {
    expect(judgeRefresh(row(), true, at(IDLE - 1), IDLE)).toBe('rotate');
    expect(judgeRefresh(row(), true, at(IDLE), IDLE)).toBe('idle');
    // A rotated token starts a new idle period: the session lives on while she is active.
    expect(judgeRefresh(row({ issuedAt: at(7 * 3600) }), true, at(7 * 3600 + 600), IDLE)).toBe(
      'rotate',
    );
  });

  it('ends a session at its absolute end however active she is', () => {
    const late = row({ issuedAt: at(8 * 3600 - 60) });
    expect(judgeRefresh(late, true, at(8 * 3600 - 1), IDLE)).toBe('rotate');
    expect(judgeRefresh(late, true, at(8 * 3600), IDLE)).toBe('expired');
  });

  it('treats a second use of a token as theft: reuse, which revokes the family', () => {
    const v = judgeRefresh(row({ usedAt: at(30) }), true, at(60), IDLE);
    expect(v).toBe('reuse');
    expect(revokesFamily(v)).toBe(true);
  });

  it('refuses a revoked token before anything else, without revoking again', () => {
    const v = judgeRefresh(row({ usedAt: at(30), revokedAt: at(40) }), true, at(60), IDLE);
    expect(v).toBe('revoked');
    expect(revokesFamily(v)).toBe(false);
  });

  it('refuses a deactivated account and revokes its session', () => {
    const v = judgeRefresh(row(), false, at(60), IDLE);
    expect(v).toBe('inactive');
    expect(revokesFamily(v)).toBe(true);
  });

  it('refuses an unknown token', () => {
    expect(judgeRefresh(null, true, at(60), IDLE)).toBe('unknown');
    for (const v of ['unknown', 'expired', 'idle', 'rotate'] as const) {
      expect(revokesFamily(v)).toBe(false);
    }
  });
});

describe('refresh tokens', () => {
  it('are 32 random bytes in base64url, different each time', () => {
    const a = newRefreshToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(isRefreshTokenShaped(a)).toBe(true);
    expect(newRefreshToken()).not.toBe(a);
  });

  it('are stored as their SHA-256 only', () => {
    const t = newRefreshToken();
    expect(hashRefreshToken(t)).toHaveLength(32);
    expect(hashRefreshToken(t).equals(hashRefreshToken(t))).toBe(true);
    expect(hashRefreshToken(t).toString('base64url')).not.toBe(t);
  });

  it('refuses cookie values that cannot be one of ours', () => {
    for (const v of [undefined, '', 'abc', 'x'.repeat(44), `${'a'.repeat(42)}=`, 42, ['a']]) {
      expect(isRefreshTokenShaped(v)).toBe(false);
    }
  });
});
