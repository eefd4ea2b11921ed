import type { DataSource, EntityManager } from 'typeorm';
import type { AppendEventsInput, AppendEventsResult } from '@ariadne/contracts';
import type { CaseSummary } from '@ariadne/domain';
import { CaseEventEntity } from './entities/case-event.entity';
import { CaseSummaryEntity } from './entities/case-summary.entity';
import { NotificationEntity } from './entities/notification.entity';
import { notificationsFor } from './notifications';
import { enqueueForEvents } from './mail/outbox';

/** Different events already stand at a version this append wanted: a real concurrency conflict. */
export class AppendConflictError extends Error {
  override readonly name = 'AppendConflictError';
}

export interface StoredEvent {
  readonly position: string;
  readonly eventId: string;
  readonly caseId: string;
  readonly version: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
  readonly recordedAt: Date;
}

/**
 * The case event log. An append writes the events and the read models in one transaction.
 * Appends are idempotent: the same events again (a retried activity) are a no-op.
 */
export class EventStore {
  constructor(private readonly ds: DataSource) {}

  /**
   * `within`, when given, runs in the append's transaction once new events are written (not for
   * a retried append that finds them stored): what must commit with them, such as the audit
   * entry of a write by the case's own timers.
   */
  async append(
    input: AppendEventsInput,
    within?: (tx: EntityManager) => Promise<void>,
  ): Promise<AppendEventsResult> {
    const lastVersion = input.expectedVersion + input.events.length;
    return this.ds.transaction(async (tx) => {
      // Serialise appends per case so that the check below and the insert cannot interleave.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [input.caseId]);
      const existing = await tx.getRepository(CaseEventEntity).find({
        select: { version: true, eventId: true },
        where: input.events.map((_, i) => ({
          caseId: input.caseId,
          version: input.expectedVersion + 1 + i,
        })),
      });
      if (existing.length > 0) {
        const same =
          existing.length === input.events.length &&
          existing.every(
            (row) => input.events[row.version - input.expectedVersion - 1]?.eventId === row.eventId,
          );
        if (same) return { lastVersion, alreadyStored: true };
        throw new AppendConflictError(
          `Case version ${input.expectedVersion + 1} is already taken by other events`,
        );
      }
      const current = await this.currentVersion(tx, input.caseId);
      if (current !== input.expectedVersion) {
        throw new AppendConflictError(
          `Expected case version ${input.expectedVersion}, the log is at ${current}`,
        );
      }
      await tx.getRepository(CaseEventEntity).insert(
        input.events.map((e, i) => ({
          eventId: e.eventId,
          caseId: input.caseId,
          version: input.expectedVersion + 1 + i,
          type: e.type,
          data: e.data as object,
          metadata: { ...input.metadata },
        })),
      );
      await this.saveSummary(tx, input.summary);
      const notifications = input.events.flatMap((e) =>
        notificationsFor(input.caseId, input.summary.organisationId, e),
      );
      if (notifications.length > 0) {
        await tx.getRepository(NotificationEntity).insert(notifications);
      }
      // The e-mail of the same reminders, escalations and stall flags: committed with them.
      await enqueueForEvents(
        tx,
        input.caseId,
        input.summary.organisationId,
        // Cases opened before references existed: the start of the opaque id stands in.
        input.summary.reference ?? input.caseId.slice(0, 8),
        input.events,
      );
      if (within) await within(tx);
      return { lastVersion, alreadyStored: false };
    });
  }

  async readCase(caseId: string): Promise<StoredEvent[]> {
    return this.ds.getRepository(CaseEventEntity).find({
      where: { caseId },
      order: { version: 'ASC' },
    });
  }

  private async currentVersion(tx: EntityManager, caseId: string): Promise<number> {
    const rows: Array<{ v: number | null }> = await tx.query(
      'SELECT max(version) AS v FROM case_events WHERE case_id = $1',
      [caseId],
    );
    return rows[0]?.v ?? 0;
  }

  private async saveSummary(tx: EntityManager, s: CaseSummary): Promise<void> {
    const date = (v: string | null): Date | null => (v === null ? null : new Date(v));
    await tx.getRepository(CaseSummaryEntity).upsert(
      {
        caseId: s.caseId,
        reference: s.reference,
        version: s.version,
        status: s.status,
        phase: s.phase,
        pathway: s.pathway,
        stalledSince: date(s.stalledSince),
        returnReadiness: s.returnReadiness,
        returnChecklist: s.returnChecklist ? s.returnChecklist.map((i) => ({ ...i })) : null,
        earliestDueAt: date(s.earliestDueAt),
        country: s.country,
        organisationId: s.organisationId,
        assigneeId: s.assigneeId,
        referralSource: s.referralSource,
        policyVersion: s.policyVersion,
        openedAt: new Date(s.openedAt),
        identificationOutcome: s.identificationOutcome,
        reflectionStartedAt: date(s.reflectionStartedAt),
        reflectionEndsAt: date(s.reflectionEndsAt),
        reflectionEndedAt: date(s.reflectionEndedAt),
        lastProgressAt: new Date(s.lastProgressAt),
        nextDueAt: date(s.nextDueAt),
        updatedAt: new Date(),
      },
      ['caseId'],
    );
  }
}
