import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventToAppend } from '@ariadne/contracts';
import type { CaseEvent } from '@ariadne/domain';
import type { Locale } from '../identity/identity.constants';
import type { CaseMailParams, MailKind, MailParams, PreferenceKind } from './render';
import { timeZoneOfCountry } from './time-zones';

export type PreferenceMode = 'immediate' | 'digest' | 'none';

/** A message to deliver. Written by the caller inside its own transaction (the outbox). */
export interface OutboxMessageInput {
  /** Unique per message: a repeated enqueue with the same key is a no-op. Never personal data. */
  readonly idempotencyKey: string;
  readonly kind: MailKind;
  readonly recipientUserId: string | null;
  readonly organisationId: string | null;
  readonly recipientAddress: string;
  readonly locale: Locale;
  /** IANA zone for dates in the message; by default that of the organisation's country. */
  readonly timeZone: string;
  readonly params: MailParams;
  /** Held for the recipient's daily digest instead of sent at once. */
  readonly held?: boolean;
}

/**
 * Adds a message to the outbox in the caller's transaction, so that it is sent if and only if
 * the caller's change commits. Returns false when a message with this key exists already.
 */
export async function enqueueMessage(
  manager: EntityManager,
  msg: OutboxMessageInput,
): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `INSERT INTO outbox_messages
       (idempotency_key, kind, recipient_user_id, organisation_id, recipient_address, locale,
        time_zone, params, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`,
    [
      msg.idempotencyKey,
      msg.kind,
      msg.recipientUserId,
      msg.organisationId,
      msg.recipientAddress,
      msg.locale,
      msg.timeZone,
      JSON.stringify(msg.params),
      msg.held ? 'held' : 'pending',
    ],
  );
  return rows.length > 0;
}

/**
 * The Message-ID of a message: derived from its idempotency key alone, so that every attempt
 * (also the one after a crash between the SMTP 250 and marking it sent) carries the same id and
 * a server that drops duplicate Message-IDs shows it once.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  const h = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<${h}@${domain}>`;
}

interface Recipient {
  readonly id: string;
  readonly email: string;
  readonly locale: Locale;
  readonly country: string;
  readonly mode: PreferenceMode | null;
}

/** Escalations reach supervisors whatever they chose (R20): at most into the digest. */
export function effectiveMode(kind: PreferenceKind, mode: PreferenceMode | null): PreferenceMode {
  const m = mode ?? 'immediate';
  return kind === 'escalation' && m === 'none' ? 'immediate' : m;
}

async function recipients(
  tx: EntityManager,
  kind: PreferenceKind,
  where: { userId: string } | { supervisorsOf: string } | { staffOf: string },
): Promise<Recipient[]> {
  const filter =
    'userId' in where
      ? 'u.id = $2'
      : 'staffOf' in where
        ? `u.organisation_id = $2 AND u.role IN ('caseworker', 'supervisor')`
        : `u.organisation_id = $2 AND u.role = 'supervisor'`;
  const id =
    'userId' in where ? where.userId : 'staffOf' in where ? where.staffOf : where.supervisorsOf;
  return tx.query(
    `SELECT u.id, u.email, u.locale, o.country, p.mode
       FROM users u
       JOIN organisations o ON o.id = u.organisation_id
       LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = $1
      WHERE ${filter} AND u.active AND u.email IS NOT NULL`,
    [kind, id],
  );
}

/** Whom the mail of one stored event goes to, and with what; null for events without mail. */
export interface OutboxTarget {
  readonly kind: PreferenceKind;
  readonly who: { userId: string } | { supervisorsOf: string } | { staffOf: string };
  /** The organisation the message belongs to (the receiving one for a referral). */
  readonly to: string;
  readonly params: CaseMailParams;
}

/**
 * The mail an event sends (R18, R20, R21), before its recipients are looked up. Pure: the event
 * store asks it whether an append needs the outbox at all (most do not).
 */
export function outboxTargetOf(
  caseId: string,
  organisationId: string,
  reference: string,
  stored: EventToAppend,
): OutboxTarget | null {
  const event = { type: stored.type, data: stored.data } as CaseEvent;
  switch (event.type) {
    case 'DeadlineReminderSent':
      return {
        kind: event.data.deadline.startsWith('consent-expiry') ? 'consent-expiry' : 'reminder',
        who: { userId: event.data.to.userId },
        to: organisationId,
        params: { caseId, reference, obligation: event.data.deadline, dueAt: event.data.dueAt },
      };
    case 'DeadlineEscalated':
      return {
        kind: 'escalation',
        who: { supervisorsOf: organisationId },
        to: organisationId,
        params: { caseId, reference, obligation: event.data.deadline, dueAt: event.data.dueAt },
      };
    case 'CaseFlaggedStalled':
      return {
        kind: 'stall',
        who: { supervisorsOf: organisationId },
        to: organisationId,
        params: { caseId, reference },
      };
    // R18: a referral reaches the receiving organisation's caseworkers and supervisors, with
    // the sending case's short reference and a link to the referral (no personal data, P1).
    case 'CrossBorderReferralSent':
      return {
        kind: 'referral',
        who: { staffOf: event.data.recipientOrganisationId },
        to: event.data.recipientOrganisationId,
        params: { caseId, reference, referralId: event.data.referralId },
      };
    // R31: a proposed transfer, under the "referral" preference, reaches the receiving
    // organisation's supervisors (who answer it); the link opens the transfers, not the case.
    case 'TransferProposed':
      return {
        kind: 'referral',
        who: { supervisorsOf: event.data.toOrganisationId },
        to: event.data.toOrganisationId,
        params: { caseId, reference, transferId: event.data.transferId },
      };
    default:
      return null;
  }
}

/**
 * R20, R21 by e-mail: the outbox rows for the events of one append, written in the append's
 * transaction next to the inbox rows. One message per recipient (key: event id + user id), as
 * her preferences say: at once, held for the digest, or not at all.
 */
export async function enqueueForEvents(
  tx: EntityManager,
  caseId: string,
  organisationId: string,
  reference: string,
  events: readonly EventToAppend[],
): Promise<void> {
  for (const stored of events) {
    const target = outboxTargetOf(caseId, organisationId, reference, stored);
    if (!target) continue;
    const { kind, who, to, params } = target;
    for (const r of await recipients(tx, kind, who)) {
      const mode = effectiveMode(kind, r.mode);
      if (mode === 'none') continue;
      await enqueueMessage(tx, {
        idempotencyKey: `${stored.eventId}:${r.id}`,
        kind,
        recipientUserId: r.id,
        organisationId: to,
        recipientAddress: r.email,
        locale: r.locale,
        timeZone: timeZoneOfCountry(r.country),
        params,
        held: mode === 'digest',
      });
    }
  }
}
