import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppendEventsInput, AppendEventsResult } from '@ariadne/contracts';
import { CaseEventEntity } from './entities/case-event.entity';
import { notificationRows, summaryRow } from './projection/read-models';
import { enqueueForEvents, outboxTargetOf } from './mail/outbox';

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
 *
 * The append is the hot path of every command (issue 11, ADR 0015): one call of the PostgreSQL
 * function `append_case_events` (per-case lock, expected version, idempotency, events, summary,
 * inbox rows), a prepared statement on `pg` directly. Without mail to enqueue and without
 * `within`, that statement is its own transaction: one round trip. Otherwise the same call runs
 * in a transaction with the outbox rows and `within`. Everything else stays on TypeORM.
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
    const organisationId = input.summary.organisationId;
    // Cases opened before references existed: the start of the opaque id stands in.
    const reference = input.summary.reference ?? input.caseId.slice(0, 8);
    const mails = input.events.some(
      (e) => outboxTargetOf(input.caseId, organisationId, reference, e) !== null,
    );
    const values = appendValues(input);
    if (!within && !mails) return call(this.pool(), values);

    const qr = this.ds.createQueryRunner();
    try {
      const client = (await qr.connect()) as PoolClient;
      await qr.startTransaction();
      const result = await call(client, values);
      if (!result.alreadyStored) {
        // The e-mail of the same reminders, escalations, stall flags and referrals: committed
        // with them.
        await enqueueForEvents(qr.manager, input.caseId, organisationId, reference, input.events);
        if (within) await within(qr.manager);
      }
      await qr.commitTransaction();
      return result;
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      throw e;
    } finally {
      await qr.release();
    }
  }

  /** The pool TypeORM opened: the append shares its connections (and their prepared plans). */
  private pool(): Pool {
    return (this.ds.driver as unknown as { master: Pool }).master;
  }

  async readCase(caseId: string): Promise<StoredEvent[]> {
    return this.ds.getRepository(CaseEventEntity).find({
      where: { caseId },
      order: { version: 'ASC' },
    });
  }
}

/** SQLSTATE raised by append_case_events for a concurrency conflict. */
const CONFLICT = 'AR409';

/** Prepared once per connection (by name); the function's plans are cached per session too. */
const APPEND = {
  name: 'ariadne_append_case_events',
  text: 'SELECT last_version, already_stored FROM append_case_events($1, $2, $3, $4, $5, $6)',
};

async function call(db: Pool | PoolClient, values: unknown[]): Promise<AppendEventsResult> {
  try {
    const { rows } = await db.query<{ last_version: number; already_stored: boolean }>({
      ...APPEND,
      values,
    });
    const row = rows[0]!;
    return { lastVersion: row.last_version, alreadyStored: row.already_stored };
  } catch (e) {
    if ((e as { code?: unknown }).code === CONFLICT) {
      throw new AppendConflictError((e as Error).message);
    }
    throw e;
  }
}

/** The function's arguments: the events, their metadata, the summary and inbox rows, as JSON. */
function appendValues(input: AppendEventsInput): unknown[] {
  // The same pure functions as a rebuild's (projection/read-models.ts, ADR 0016).
  const notifications = input.events.flatMap((e) =>
    notificationRows(input.caseId, input.summary.organisationId, e),
  );
  return [
    input.caseId,
    input.expectedVersion,
    JSON.stringify(input.events.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data }))),
    JSON.stringify({ ...input.metadata }),
    JSON.stringify(summaryRow(input.summary)),
    notifications.length > 0 ? JSON.stringify(notifications) : null,
  ];
}
