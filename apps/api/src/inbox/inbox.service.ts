import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Actor } from '@ariadne/domain';
import { DATA_SOURCE, NotificationEntity, NotificationRepository } from '@ariadne/persistence';
import { problem } from '../common/problem';
import {
  INBOX_DEFAULT_LIMIT,
  type InboxDto,
  type InboxItemDto,
  type InboxQueryDto,
} from './inbox.dto';

const ID = /^[1-9][0-9]{0,17}$/;
const notFound = () =>
  problem(HttpStatus.NOT_FOUND, 'notification-not-found', 'No such notification');

/**
 * R20, R21: the actor's inbox. Reminders are addressed to a caseworker; escalations and stall
 * flags to the supervisors of the case's organisation, as one row that any of them may mark read.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly notifications: NotificationRepository,
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
  ) {}

  async list(actor: Actor, q: InboxQueryDto): Promise<InboxDto> {
    const rows = await this.notifications.inbox({
      userId: actor.userId,
      organisationId: actor.organisationId,
      role: actor.role,
      limit: q.limit ?? INBOX_DEFAULT_LIMIT,
      unreadOnly: q.unread === 'true',
    });
    return { items: rows.map((n) => toDto(n, actor)) };
  }

  /** Marks one of the actor's own (or her role's) notifications read; any other id is 404. */
  async markRead(actor: Actor, id: string): Promise<InboxItemDto> {
    if (!ID.test(id)) throw notFound();
    const repo = this.ds.getRepository(NotificationEntity);
    // The same visibility as NotificationRepository.inbox: hers, or her role's in her organisation.
    const found = await repo
      .createQueryBuilder('n')
      .where('n.id = :id', { id })
      .andWhere(
        '(n.recipient_user_id = :userId OR (n.recipient_role = :role AND n.organisation_id = :org))',
        { userId: actor.userId, role: actor.role, org: actor.organisationId },
      )
      .getOne();
    if (!found) throw notFound();
    if (!found.readAt) {
      found.readAt = new Date();
      // Only an unread row is updated, so the first reader's time stands.
      await repo
        .createQueryBuilder()
        .update(NotificationEntity)
        .set({ readAt: found.readAt })
        .where('id = :id AND read_at IS NULL', { id })
        .execute();
    }
    return toDto(found, actor);
  }
}

function toDto(n: NotificationEntity, actor: Actor): InboxItemDto {
  return {
    id: String(n.id),
    kind: n.kind,
    caseId: n.caseId,
    deadline: n.deadline,
    dueAt: n.dueAt ? n.dueAt.toISOString() : null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt ? n.readAt.toISOString() : null,
    addressedTo: n.recipientUserId === actor.userId ? 'you' : 'supervisors',
  };
}
