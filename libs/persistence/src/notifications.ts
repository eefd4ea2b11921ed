import type { DataSource } from 'typeorm';
import { NotificationEntity } from './entities/notification.entity';

export { notificationsFor } from './notifications-for';

export interface InboxQuery {
  readonly userId: string;
  readonly organisationId: string;
  readonly role: string;
  readonly limit: number;
  readonly unreadOnly: boolean;
}

/** A user's inbox: what is addressed to her, and to her role in her organisation. */
export class NotificationRepository {
  constructor(private readonly ds: DataSource) {}

  inbox(q: InboxQuery): Promise<NotificationEntity[]> {
    const qb = this.ds
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where(
        '(n.recipient_user_id = :userId OR (n.recipient_role = :role AND n.organisation_id = :org))',
        { userId: q.userId, role: q.role, org: q.organisationId },
      )
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .limit(q.limit);
    if (q.unreadOnly) qb.andWhere('n.read_at IS NULL');
    return qb.getMany();
  }
}
