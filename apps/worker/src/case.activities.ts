import { ApplicationFailure } from '@temporalio/activity';
import {
  type AppendEventsInput,
  type AppendEventsResult,
  type CaseActivities,
  type EventToAppend,
  FAILURE_TYPES,
  type LoggedEvent,
} from '@ariadne/contracts';
import {
  type CaseDimensionKey,
  type CaseEventType,
  caseDimensionKey,
  personalPaths,
  sameDimensionKey,
} from '@ariadne/domain';
import {
  AppendConflictError,
  applyDimensionChange,
  changesDimensions,
  dimensionViews,
  type IdentityOpener,
  type AuditCategory,
  type AuditEntry,
  type AuditTrail,
  InvalidAuditEntryError,
  normaliseAuditEntry,
  type BlindIndexRepository,
  type EventStore,
  type StoredEvent,
} from '@ariadne/persistence';
import { type BlindIndexer, type CaseKeyStore, openIdentityOnly } from '@ariadne/security';

/** PostgreSQL's unique violation on an event id: the same derived ids stored at other versions. */
function isDuplicateEventId(e: unknown): boolean {
  const err = e as {
    code?: unknown;
    constraint?: unknown;
    driverError?: { code?: unknown; constraint?: unknown };
  };
  const code = err?.code ?? err?.driverError?.code;
  const constraint = err?.constraint ?? err?.driverError?.constraint ?? '';
  return code === '23505' && !/version/.test(String(constraint));
}

/** Blind indexes of her details ("find before you open"), written where the plaintext is. */
export interface BlindIndexWriter {
  readonly indexer: BlindIndexer;
  readonly repository: BlindIndexRepository;
}

interface RecordedDetails {
  readonly personal?: {
    readonly identity?: Readonly<Record<string, string | undefined>>;
    readonly 'contact-location'?: Readonly<Record<string, string | undefined>>;
  };
}

/**
 * Keys her recorded details into blind indexes (no plaintext leaves this function), and drops
 * them when her data is erased (P7). Safe to repeat: a retried append writes the same entries.
 */
async function indexBlindly(
  index: BlindIndexWriter,
  caseId: string,
  organisationId: string,
  events: readonly EventToAppend[],
): Promise<void> {
  for (const e of events) {
    if (e.type === 'PersonDetailsRecorded') {
      const personal = (e.data as RecordedDetails).personal;
      const id = personal?.identity ?? {};
      const entries = index.indexer.entries(organisationId, {
        givenName: id['givenName'],
        familyName: id['familyName'],
        dateOfBirth: id['dateOfBirth'],
        documentNumber: id['documentNumber'],
        phone: personal?.['contact-location']?.['phone'],
      });
      await index.repository.add(caseId, organisationId, entries);
    }
    if (e.type === 'PersonalDataErased') await index.repository.deleteCase(caseId);
  }
}

/**
 * ADR 0017: the combination of sex, age band and citizenship the case is counted in before and
 * after this append, when the append can change it (her details recorded or changed, her data
 * erased, the case transferred); null when it stays. Only the three codes leave this function.
 */
async function dimensionChange(
  store: EventStore,
  keys: CaseKeyStore,
  input: AppendEventsInput,
): Promise<{ before: CaseDimensionKey | null; after: CaseDimensionKey | null } | null> {
  if (!input.events.some((e) => changesDimensions(e.type))) return null;
  const prior = (await store.readCase(input.caseId)).filter(
    (e) => e.version <= input.expectedVersion,
  );
  const open: IdentityOpener = (caseId, data) => openIdentityOnly(keys, caseId, data);
  const seen = await dimensionViews(input.caseId, prior, open);
  // The new events are still plaintext here: nothing to open.
  const added = await dimensionViews(input.caseId, input.events, async (_id, data) =>
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null,
  );
  const before = caseDimensionKey(seen);
  const after = caseDimensionKey([...seen, ...added]);
  return sameDimensionKey(before, after) ? null : { before, after };
}

const OPAQUE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const PERSONAL: readonly AuditCategory[] = [
  'identity',
  'contact-location',
  'health',
  'legal',
  'immigration',
  'return',
  'notes',
];

/**
 * The audit entry of a write by the case's own timers (the 'system' actor: reminders,
 * escalations, stall flags, erasure at the end of retention), or null for a person's write (the
 * API records those). Ids only, as every entry; an erasure names the categories it destroyed.
 */
export function systemWriteEntry(
  input: AppendEventsInput,
): Parameters<AuditTrail['append']>[0] | null {
  if (input.metadata.actorRole !== 'system') return null;
  const erases = input.events.some((e) => e.type === 'PersonalDataErased');
  const org = input.metadata.organisationId;
  return {
    actorId: 'system',
    actorRole: 'system',
    organisationId: OPAQUE_ID.test(org) ? org : null,
    action: erases ? 'case.erase' : 'case.timer',
    caseId: input.caseId,
    categories: erases ? [...PERSONAL, 'case'] : ['case'],
    purpose: erases ? 'retention' : 'case-management',
    outcome: 'allowed',
  };
}

/**
 * docs/adr/0013: the audit entry of the request that sent this command, recorded with its events
 * (the API gave the action, categories, purpose and request id; the actor is the command's).
 * Null when the command came without one (timers, partner facts, runs from before).
 */
export function commandEntry(input: AppendEventsInput): AuditEntry | null {
  const audit = input.audit;
  if (!audit || input.metadata.actorRole === 'system') return null;
  return {
    actorId: input.metadata.actorId,
    actorRole: input.metadata.actorRole,
    organisationId: input.metadata.organisationId,
    action: audit.action,
    caseId: input.caseId,
    categories: audit.categories as AuditCategory[],
    purpose: audit.purpose,
    outcome: 'allowed',
    requestId: audit.requestId,
  };
}

/** The entries an append records: the system's own write, or the request's command. */
function auditEntries(input: AppendEventsInput): AuditEntry[] {
  const entries = [systemWriteEntry(input), commandEntry(input)].filter((e) => e !== null);
  // Checked before the append: an entry the trail refuses must fail the command, not retry.
  for (const entry of entries) {
    try {
      normaliseAuditEntry(entry);
    } catch (e) {
      if (e instanceof InvalidAuditEntryError) {
        throw ApplicationFailure.nonRetryable(e.message, 'InvalidAuditEntry');
      }
      throw e;
    }
  }
  return entries;
}

/**
 * The case workflow's activities: all of its I/O, behind the repositories. Personal data is
 * encrypted with the case's own key before it reaches PostgreSQL (P2); erasure destroys that key
 * (P7), so her data becomes unreadable everywhere while the log itself stays intact.
 */
export function caseActivities(
  store: EventStore,
  keys: CaseKeyStore,
  blindIndex?: BlindIndexWriter,
  /** Records the system actor's writes, in the same transaction as their events. */
  trail?: AuditTrail,
): CaseActivities {
  async function sealed(caseId: string, e: EventToAppend): Promise<EventToAppend> {
    const paths = personalPaths(e.type as CaseEventType);
    if (paths.length === 0 || typeof e.data !== 'object' || e.data === null) return e;
    await keys.ensureKey(caseId);
    const data = await keys.encryptPersonal(caseId, e.data as Record<string, unknown>, paths);
    return { ...e, data };
  }

  /** An event as stored, its personal data decrypted for the workflow (never for a log line). */
  async function opened(caseId: string, e: StoredEvent): Promise<LoggedEvent> {
    const paths = personalPaths(e.type as CaseEventType);
    const data =
      paths.length === 0 || typeof e.data !== 'object' || e.data === null
        ? e.data
        : await keys.decryptPersonal(caseId, e.data as Record<string, unknown>, paths);
    const causationId = String(e.metadata['causationId'] ?? '');
    return { version: e.version, eventId: e.eventId, causationId, type: e.type, data };
  }

  /**
   * docs/adr/0013: the log already holds this command's events, or other events at its versions
   * (a workflow task lost after its append committed, then run again). Nothing is written; the
   * answer is what the log holds, for the workflow to adopt: this command's own events (by
   * causation id) and every event after the version the workflow knows. Rare, so it reads the
   * case's log rather than adding work to every append.
   */
  async function logged(
    input: AppendEventsInput,
    stored: AppendEventsResult | undefined,
  ): Promise<AppendEventsResult> {
    const log = await store.readCase(input.caseId);
    const own = log.filter((e) => e.metadata['causationId'] === input.metadata.causationId);
    const after = log.filter((e) => e.version > input.expectedVersion);
    if (own.length === 0 && after.length === 0) {
      // Not a conflict the log explains (the unique id of another case?): fail as before.
      throw ApplicationFailure.nonRetryable(
        'The append was refused and the log holds nothing to adopt',
        FAILURE_TYPES.appendConflict,
      );
    }
    const afterOpened = await Promise.all(after.map((e) => opened(input.caseId, e)));
    // What follows an append outside its transaction, done again for the adopted events (the
    // lost task may have died before it): blind indexes, and her key destroyed after erasure.
    // Both are idempotent.
    if (blindIndex) {
      await indexBlindly(blindIndex, input.caseId, input.summary.organisationId, afterOpened);
    }
    const eraser = after.find((e) => e.type === 'PersonalDataErased');
    if (eraser) await keys.destroy(input.caseId, String(eraser.metadata['actorId'] ?? 'system'));
    return {
      lastVersion: stored?.lastVersion ?? log.at(-1)?.version ?? input.expectedVersion,
      alreadyStored: true,
      conflict: {
        own: await Promise.all(own.map((e) => opened(input.caseId, e))),
        after: afterOpened,
      },
    };
  }

  return {
    async appendEvents(input) {
      try {
        const events = await Promise.all(input.events.map((e) => sealed(input.caseId, e)));
        const entries = trail ? auditEntries(input) : [];
        // ADR 0017: her details' combination (sex, age band, citizenship) moves in the counts
        // in the append's transaction; read before it, while her key still opens them.
        const dimensions = await dimensionChange(store, keys, input);
        const result = await store.append(
          { ...input, events },
          entries.length > 0 || dimensions
            ? async (tx) => {
                if (dimensions) await applyDimensionChange(tx, dimensions.before, dimensions.after);
                // Last before COMMIT: the trail's lock (one appender everywhere) is held briefly.
                if (entries.length > 0) await trail?.appendInTransaction(entries, tx);
              }
            : undefined,
        );
        if (blindIndex) {
          await indexBlindly(blindIndex, input.caseId, input.summary.organisationId, input.events);
        }
        if (input.events.some((e) => e.type === 'PersonalDataErased')) {
          await keys.destroy(input.caseId, input.metadata.actorId);
        }
        if (result.alreadyStored && input.adopt) return await logged(input, result);
        return result;
      } catch (e) {
        if (input.adopt && (e instanceof AppendConflictError || isDuplicateEventId(e))) {
          return logged(input, undefined);
        }
        if (e instanceof AppendConflictError) {
          // Retrying cannot help: other events hold the version. The workflow must re-decide.
          throw ApplicationFailure.nonRetryable(e.message, FAILURE_TYPES.appendConflict);
        }
        throw e;
      }
    },
  };
}
