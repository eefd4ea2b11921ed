import { LOCALES } from '../identity/identity.constants';
import { backoffDelayMs } from './backoff';
import { localDateHour } from './digest';
import { CATALOGUES, MAIL_KINDS, type MailKind, type MailParams, renderMail } from './render';

const CASE = {
  caseId: '0b5f3c1e-6a0e-4d8c-9a61-3f2d1c0b9a87',
  reference: 'SE-7KQ-42F',
  obligation: 'identification-decision',
  dueAt: '2026-12-01T09:30:00.000Z',
};
const params: Record<MailKind, MailParams> = {
  reminder: CASE,
  escalation: CASE,
  stall: { caseId: CASE.caseId, reference: CASE.reference },
  'consent-expiry': { ...CASE, obligation: 'consent-expiry-1' },
  referral: { caseId: CASE.caseId, reference: CASE.reference },
  invitation: { link: 'http://127.0.0.1:3000/invite#t=abc', minutes: 30 },
  'password-reset': { link: 'http://127.0.0.1:3000/reset#t=abc', minutes: 30 },
  digest: {
    items: [
      { ...CASE, kind: 'reminder' },
      { ...CASE, kind: 'escalation', obligation: 'follow-up-2' },
      { caseId: CASE.caseId, reference: 'SE-AAA-111', kind: 'stall' },
    ],
  },
};
const ctx = { timeZone: 'Europe/Stockholm', publicUrl: 'http://127.0.0.1:3000' };

describe('mail rendering', () => {
  it.each(LOCALES)(
    '%s: a referral received (R18) links to the referral, not to the sending case',
    (locale) => {
      const mail = renderMail(
        'referral',
        { caseId: CASE.caseId, reference: CASE.reference, referralId: 'referral-2' },
        { ...ctx, locale },
      );
      const link = `http://127.0.0.1:3000/referrals/received/${CASE.caseId}/referral-2`;
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}"`);
      expect(mail.text).toContain(CASE.reference);
      expect(mail.text).not.toContain(`/cases/${CASE.caseId}`);
      expect(mail.text).toContain(CATALOGUES[locale]['action.openReferral']);
    },
  );

  it.each(LOCALES)(
    '%s: a proposed transfer (R31) is told apart from a referral and links to the transfers, not to the case',
    (locale) => {
      const mail = renderMail(
        'referral',
        { caseId: CASE.caseId, reference: CASE.reference, transferId: 'transfer-1' },
        { ...ctx, locale },
      );
      const referral = renderMail('referral', params.referral, { ...ctx, locale });
      expect(mail.subject).not.toBe(referral.subject);
      expect(mail.subject).toContain(CASE.reference);
      expect(mail.text).toContain(CATALOGUES[locale]['action.openTransfers']);
      expect(mail.text).toContain('http://127.0.0.1:3000/transfers\n');
      expect(mail.html).toContain('href="http://127.0.0.1:3000/transfers"');
      expect(mail.text).not.toContain(CASE.caseId);
      expect(mail.text).not.toContain('transfer-1');
    },
  );

  it('a proposed transfer in a digest keeps its own wording and link', () => {
    const m = renderMail(
      'digest',
      {
        items: [
          { caseId: CASE.caseId, reference: 'SE-TTT-111', transferId: 't', kind: 'referral' },
        ],
      },
      { ...ctx, locale: 'en' },
    );
    expect(m.text).toContain('Another organisation proposes to transfer case SE-TTT-111');
    expect(m.text).toContain('Open the transfers: http://127.0.0.1:3000/transfers');
  });

  it('every catalogue has exactly the keys of the English one, none empty', () => {
    const keys = Object.keys(CATALOGUES.en).sort();
    for (const locale of LOCALES) {
      expect([locale, Object.keys(CATALOGUES[locale]).sort()]).toEqual([locale, keys]);
      for (const k of keys)
        expect([locale, k, CATALOGUES[locale][k]?.trim()]).not.toEqual([locale, k, '']);
    }
  });

  it.each(LOCALES.flatMap((l) => MAIL_KINDS.map((k) => [l, k] as const)))(
    '%s %s renders text and HTML with its links and no raw markup',
    (locale, kind) => {
      const m = renderMail(kind, params[kind], { ...ctx, locale });
      expect(m.subject.length).toBeGreaterThan(3);
      expect(m.subject).not.toMatch(/[{}]/);
      expect(m.text).not.toMatch(/[{}]/);
      expect(m.html).toMatch(new RegExp(`^<!doctype html><html lang="${locale}">`));
      if (kind === 'invitation' || kind === 'password-reset') {
        expect(m.text).toContain('http://127.0.0.1:3000/');
        expect(m.text).not.toContain('/settings/notifications');
      } else {
        expect(m.text).toContain(`http://127.0.0.1:3000/cases/${CASE.caseId}`);
        expect(m.text).toContain('http://127.0.0.1:3000/settings/notifications');
        expect(m.text).toContain('SE-');
      }
    },
  );

  it('speaks her language and her time zone: the Swedish reminder', () => {
    const m = renderMail('reminder', CASE, { ...ctx, locale: 'sv' });
    expect(m.subject).toContain('Påminnelse: Beslut om identifiering');
    // 09:30 UTC is 10:30 in Stockholm in December.
    expect(m.text).toContain('10:30');
    expect(m.text).toContain('december');
    const nb = renderMail('reminder', CASE, { ...ctx, locale: 'nb', timeZone: 'Europe/Oslo' });
    expect(nb.subject).toContain('Påminnelse: Beslutning om identifisering');
  });

  it('escapes every value in HTML', () => {
    const m = renderMail(
      'reminder',
      { ...CASE, reference: '<b>&"x' },
      { ...ctx, locale: 'en', publicUrl: 'http://h/"><script>' },
    );
    expect(m.html).not.toContain('<b>');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;b&gt;&amp;&quot;x');
  });

  it('a digest counts its items, in the plural rules of the language', () => {
    expect(renderMail('digest', params.digest, { ...ctx, locale: 'en' }).subject).toBe(
      'Ariadne: 3 notifications today',
    );
    expect(renderMail('digest', params.digest, { ...ctx, locale: 'lt' }).subject).toContain(
      '3 pranešimai',
    );
  });
});

describe('retry backoff', () => {
  const opts = { baseMs: 1000, capMs: 60_000 };
  it('doubles per attempt, between half and all of base × 2^(n−1)', () => {
    expect(backoffDelayMs(1, opts, () => 0)).toBe(500);
    expect(backoffDelayMs(1, opts, () => 1)).toBe(1000);
    expect(backoffDelayMs(3, opts, () => 1)).toBe(4000);
    expect(backoffDelayMs(3, opts, () => 0)).toBe(2000);
  });
  it('stops growing at the cap, also for absurd attempt counts', () => {
    expect(backoffDelayMs(10, opts, () => 1)).toBe(60_000);
    expect(backoffDelayMs(10_000, opts, () => 0.5)).toBe(45_000);
  });
});

describe('local date and hour of the digest', () => {
  it('reads the wall clock of her zone', () => {
    const now = new Date('2026-06-30T22:30:00Z');
    expect(localDateHour(now, 'Europe/Helsinki')).toEqual({ date: '2026-07-01', hour: 1 });
    expect(localDateHour(now, 'Atlantic/Reykjavik')).toEqual({ date: '2026-06-30', hour: 22 });
  });
});
