import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row of the audit trail, for reading with TypeORM. Entries are written only through
 * AuditTrail.append, which extends the hash chain; the table refuses updates and deletes.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** bigint: a string, as the driver returns it. */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole!: string | null;

  @Column({ name: 'organisation_id', type: 'text', nullable: true })
  organisationId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ type: 'text', array: true })
  categories!: string[];

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ type: 'text' })
  outcome!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'case_country', type: 'text', nullable: true })
  caseCountry!: string | null;

  @Column({ name: 'subject_ref', type: 'text', nullable: true })
  subjectRef!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  route!: string | null;

  /** 'sha256' (entries before the keyed chain) or 'hmac-sha256'. */
  @Column({ type: 'text' })
  alg!: string;

  @Column({ name: 'key_id', type: 'text', nullable: true })
  keyId!: string | null;

  @Column({ name: 'prev_hash', type: 'bytea', nullable: true })
  prevHash!: Buffer | null;

  @Column({ type: 'bytea' })
  hash!: Buffer;
}
