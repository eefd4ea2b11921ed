import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Read model: one row per case, what lists and the case page show. No personal data. */
@Entity({ name: 'case_summaries' })
export class CaseSummaryEntity {
  @PrimaryColumn({ type: 'uuid', name: 'case_id' })
  caseId!: string;

  /** The case reference people say and write (`SE-7K4Q-2M`); null before references existed. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'text' })
  phase!: string;

  @Column({ type: 'text' })
  pathway!: string;

  @Column({ type: 'timestamptz', name: 'stalled_since', nullable: true })
  stalledSince!: Date | null;

  @Column({ type: 'text', name: 'return_readiness' })
  returnReadiness!: string;

  @Column({ type: 'jsonb', name: 'return_checklist', nullable: true })
  returnChecklist!: Array<{ item: string; met: boolean }> | null;

  @Column({ type: 'timestamptz', name: 'earliest_due_at', nullable: true })
  earliestDueAt!: Date | null;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'text', name: 'organisation_id' })
  organisationId!: string;

  @Column({ type: 'text', name: 'assignee_id' })
  assigneeId!: string;

  @Column({ type: 'text', name: 'referral_source' })
  referralSource!: string;

  @Column({ type: 'text', name: 'policy_version' })
  policyVersion!: string;

  @Column({ type: 'timestamptz', name: 'opened_at' })
  openedAt!: Date;

  @Column({ type: 'text', name: 'identification_outcome', nullable: true })
  identificationOutcome!: string | null;

  @Column({ type: 'timestamptz', name: 'reflection_started_at', nullable: true })
  reflectionStartedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'reflection_ends_at', nullable: true })
  reflectionEndsAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'reflection_ended_at', nullable: true })
  reflectionEndedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'last_progress_at' })
  lastProgressAt!: Date;

  @Column({ type: 'timestamptz', name: 'next_due_at', nullable: true })
  nextDueAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}
