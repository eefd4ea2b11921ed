import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One domain event of one case: the append-only log that is the system of record. */
@Entity({ name: 'case_events' })
@Index('case_events_case_version_uq', ['caseId', 'version'], { unique: true })
export class CaseEventEntity {
  /** Global position: a total order over all cases, for projections and exports. */
  @PrimaryGeneratedColumn({ type: 'bigint', name: 'position' })
  position!: string;

  @Column({ type: 'uuid', name: 'event_id', unique: true })
  eventId!: string;

  @Column({ type: 'uuid', name: 'case_id' })
  caseId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  data!: unknown;

  @Column({ type: 'jsonb' })
  metadata!: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
