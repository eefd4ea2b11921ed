import { BREACHED_PASSWORDS } from './breached-passwords';
import { checkNewPassword, MAX_NEW_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules';

describe('password rules (ASVS 5.0 §6.2)', () => {
  it('6.2.1: refuses fewer than 12 characters, counting code points', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkNewPassword('tall river 9')).toBeNull();
    expect(checkNewPassword('tall river ')).toBe('password-too-short');
    // Eleven emoji are 22 UTF-16 units but 11 characters.
    expect(checkNewPassword('🦋'.repeat(11))).toBe('password-too-short');
    expect(checkNewPassword('🦋'.repeat(12))).toBeNull();
  });

  it('6.2.9: allows at least 128 characters', () => {
    expect(MAX_NEW_PASSWORD_LENGTH).toBeGreaterThanOrEqual(128);
    expect(checkNewPassword('x'.repeat(5) + 'kjq'.repeat(60))).toBeNull();
    expect(checkNewPassword('y'.repeat(MAX_NEW_PASSWORD_LENGTH + 1))).toBe('password-too-long');
  });

  it('6.2.5: no composition rules (lower-case letters and spaces alone are fine)', () => {
    expect(checkNewPassword('correct horse battery staple')).toBeNull();
    expect(checkNewPassword('ålesund fjordlys')).toBeNull();
  });

  it('6.2.4/6.2.12: refuses common and breached passwords, whatever the case', () => {
    for (const p of ['qwerty123456', 'QWERTY123456', '1qaz2wsx3edc', 'leavemealone']) {
      expect(checkNewPassword(p)).toBe('password-breached');
    }
  });

  it('ships a list of at least the 10,000 most common passwords', () => {
    const list = BREACHED_PASSWORDS.split('\n').filter(Boolean);
    expect(list.length).toBeGreaterThanOrEqual(10000);
    expect(list).toContain('password');
    expect(list.every((p) => p === p.toLowerCase())).toBe(true);
  });
});
