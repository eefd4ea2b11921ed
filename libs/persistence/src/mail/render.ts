import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../identity/identity.constants';
import da from './i18n/da.json';
import en from './i18n/en.json';
import et from './i18n/et.json';
import fi from './i18n/fi.json';
import is from './i18n/is.json';
import lt from './i18n/lt.json';
import lv from './i18n/lv.json';
import nb from './i18n/nb.json';
import sv from './i18n/sv.json';

/** What a message is about. The first five are the kinds of notification preferences. */
export const PREFERENCE_KINDS = [
  'reminder',
  'escalation',
  'stall',
  'consent-expiry',
  'referral',
] as const;
export type PreferenceKind = (typeof PREFERENCE_KINDS)[number];
export const MAIL_KINDS = [...PREFERENCE_KINDS, 'invitation', 'password-reset', 'digest'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/** A message about a case: only opaque ids, its short reference, the obligation and a date (P1). */
export interface CaseMailParams {
  readonly caseId: string;
  readonly reference: string;
  /** The obligation's deadline kind (identification-decision, …), translated when rendered. */
  readonly obligation?: string;
  readonly dueAt?: string;
  /** A referral received (R18): the link opens the referral, not the sender's case. */
  readonly referralId?: string;
  /**
   * A transfer proposed to the recipient's organisation (R31, a referral of the whole case, sent
   * under the "referral" preference): the link opens the transfers waiting for an answer, since
   * the case is not the receiver's until its supervisor accepts.
   */
  readonly transferId?: string;
}
/** Invitation or password reset: the single-use link and how long it lives. */
export interface LinkMailParams {
  readonly link: string;
  readonly minutes: number;
}
export interface DigestItem extends CaseMailParams {
  readonly kind: PreferenceKind;
}
export interface DigestMailParams {
  readonly items: readonly DigestItem[];
}
export type MailParams = CaseMailParams | LinkMailParams | DigestMailParams;

export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en,
  da,
  et,
  fi,
  is,
  lt,
  lv,
  nb,
  sv,
};

export interface RenderContext {
  readonly locale: Locale;
  readonly timeZone: string;
  /** ARIADNE_PUBLIC_URL, without a trailing slash. */
  readonly publicUrl: string;
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export class MissingMessageError extends Error {
  override readonly name = 'MissingMessageError';
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function message(
  locale: Locale,
  key: string,
  values: Record<string, string | number> = {},
): string {
  const source = CATALOGUES[locale][key];
  // A missing key is a bug in a catalogue, caught by the unit test of every kind × language.
  if (source === undefined)
    throw new MissingMessageError(`mail message ${key} missing in ${locale}`);
  return String(new IntlMessageFormat(source, locale).format(values));
}

/** The due date in her time zone and language, with the zone's name so it cannot be misread. */
export function formatDue(iso: string, ctx: Pick<RenderContext, 'locale' | 'timeZone'>): string {
  return new Intl.DateTimeFormat(ctx.locale, {
    timeZone: ctx.timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The translated name of an obligation (its deadline kind), for mail and calendar events. */
export function obligationName(locale: Locale, deadline: string): string {
  // follow-up-2, consent-expiry-1: the n-th of a kind is named by its kind.
  return message(locale, `obligation.${deadline.replace(/-\d+$/, '')}`);
}

function caseValues(p: CaseMailParams, ctx: RenderContext): Record<string, string> {
  return {
    reference: p.reference,
    obligation: p.obligation ? obligationName(ctx.locale, p.obligation) : '',
    due: p.dueAt ? formatDue(p.dueAt, ctx) : '',
  };
}

interface Part {
  readonly text: string;
  readonly link?: { readonly label: string; readonly url: string };
}

/** The catalogue prefix of a case message: a proposed transfer is told apart from a referral. */
function topicOf(kind: PreferenceKind, p: CaseMailParams): string {
  return kind === 'referral' && p.transferId ? 'transfer' : kind;
}

function caseParts(kind: PreferenceKind, p: CaseMailParams, ctx: RenderContext): Part[] {
  return [
    {
      text: message(ctx.locale, `${topicOf(kind, p)}.body`, caseValues(p, ctx)),
      link: p.transferId
        ? {
            label: message(ctx.locale, 'action.openTransfers'),
            url: `${ctx.publicUrl}/transfers`,
          }
        : p.referralId
          ? {
              label: message(ctx.locale, 'action.openReferral'),
              url: `${ctx.publicUrl}/referrals/received/${encodeURIComponent(p.caseId)}/${encodeURIComponent(p.referralId)}`,
            }
          : {
              label: message(ctx.locale, 'action.openCase'),
              url: `${ctx.publicUrl}/cases/${encodeURIComponent(p.caseId)}`,
            },
    },
  ];
}

function assemble(subject: string, parts: Part[], ctx: RenderContext, footer = true): RenderedMail {
  const all: Part[] = [
    ...parts,
    ...(footer
      ? [
          {
            text: message(ctx.locale, 'footer.automatic'),
            link: {
              label: message(ctx.locale, 'footer.preferences'),
              url: `${ctx.publicUrl}/settings/notifications`,
            },
          },
        ]
      : [{ text: message(ctx.locale, 'footer.automatic') }]),
  ];
  const text = all
    .map((p) => (p.link ? `${p.text}\n${p.link.label}: ${p.link.url}` : p.text))
    .join('\n\n');
  const html =
    `<!doctype html><html lang="${escapeHtml(ctx.locale)}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(subject)}</title></head><body>` +
    all
      .map(
        (p) =>
          `<p>${escapeHtml(p.text)}</p>` +
          (p.link
            ? `<p><a href="${escapeHtml(p.link.url)}">${escapeHtml(p.link.label)}</a></p>`
            : ''),
      )
      .join('') +
    `</body></html>`;
  return { subject, text: text + '\n', html };
}

/**
 * Renders a message in the recipient's language and time zone, as plain text and HTML (every
 * value escaped). Only what the params hold can appear: no personal data reaches a message (P1).
 */
export function renderMail(kind: MailKind, params: MailParams, ctx: RenderContext): RenderedMail {
  switch (kind) {
    case 'invitation':
    case 'password-reset': {
      const p = params as LinkMailParams;
      return assemble(
        message(ctx.locale, `${kind}.subject`),
        [
          {
            text: message(ctx.locale, `${kind}.body`, { minutes: p.minutes }),
            link: { label: message(ctx.locale, 'action.setPassword'), url: p.link },
          },
        ],
        ctx,
        // Account mail is not a notification: there is no preference to change.
        false,
      );
    }
    case 'digest': {
      const p = params as DigestMailParams;
      const parts: Part[] = [{ text: message(ctx.locale, 'digest.body') }];
      for (const item of p.items) parts.push(...caseParts(item.kind, item, ctx));
      return assemble(message(ctx.locale, 'digest.subject', { count: p.items.length }), parts, ctx);
    }
    default: {
      const p = params as CaseMailParams;
      return assemble(
        message(ctx.locale, `${topicOf(kind, p)}.subject`, caseValues(p, ctx)),
        caseParts(kind, p, ctx),
        ctx,
      );
    }
  }
}
