import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Read model: a user's (or a role's) inbox of reminders, escalations and stall flags (R20, R21). */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'uuid', name: 'event_id', unique: true })
  eventId!: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId!: string;

  @Column({ type: 'text', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'text', name: 'recipient_user_id', nullable: true })
  recipientUserId!: string | null;

  @Column({ type: 'text', name: 'recipient_role', nullable: true })
  recipientRole!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  deadline!: string | null;

  @Column({ type: 'timestamptz', name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt!: Date | null;
}
