import type { EventToAppend } from '@ariadne/contracts';
import type { CaseEvent } from '@ariadne/domain';
import type { NotificationEntity } from './entities/notification.entity';

/*
 * The inbox rows of an event, apart from the inbox's repository: a pure function that the append
 * and a rebuild's worker threads load without TypeORM (ADR 0016).
 */

export type NewNotification = Omit<NotificationEntity, 'id' | 'readAt'>;

/**
 * R20, R21: the inbox rows an event produces. A reminder goes to the responsible caseworker;
 * an escalation and a stall flag to the supervisors of the case's organisation; a referral (R18)
 * to the supervisors of the receiving organisation. Pure.
 */
export function notificationsFor(
  caseId: string,
  organisationId: string,
  stored: EventToAppend,
): NewNotification[] {
  const event = { type: stored.type, data: stored.data } as CaseEvent;
  const base = { eventId: stored.eventId, caseId, organisationId };
  switch (event.type) {
    case 'DeadlineReminderSent':
      return [
        {
          ...base,
          recipientUserId: event.data.to.userId,
          recipientRole: null,
          kind: 'reminder',
          deadline: event.data.deadline,
          dueAt: new Date(event.data.dueAt),
          createdAt: new Date(event.data.sentAt),
        },
      ];
    case 'DeadlineEscalated':
      return [
        {
          ...base,
          recipientUserId: null,
          recipientRole: 'supervisor',
          kind: 'escalation',
          deadline: event.data.deadline,
          dueAt: new Date(event.data.dueAt),
          createdAt: new Date(event.data.escalatedAt),
        },
      ];
    case 'CaseFlaggedStalled':
      return [
        {
          ...base,
          recipientUserId: null,
          recipientRole: 'supervisor',
          kind: 'stalled',
          deadline: null,
          dueAt: null,
          createdAt: new Date(event.data.flaggedAt),
        },
      ];
    // R18: a referral sent to an organisation reaches its supervisors' inbox (who answers: its
    // caseworkers and supervisors, on the Referrals received screen; each also gets the mail).
    case 'CrossBorderReferralSent':
      return [
        {
          ...base,
          organisationId: event.data.recipientOrganisationId,
          recipientUserId: null,
          recipientRole: 'supervisor',
          kind: 'referral',
          deadline: null,
          dueAt: null,
          createdAt: new Date(event.data.sentAt),
        },
      ];
    default:
      return [];
  }
}
