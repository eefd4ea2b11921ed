/**
 * One woman's case as one long-running workflow. The pure decider makes every decision; this
 * file only orchestrates: it validates updates, appends events through a local activity (in the
 * Update's own workflow task: docs/adr/0013), keeps durable timers for what the case must do at a
 * given time, and continues-as-new when long.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import {
  type Actor,
  type CaseEvent,
  type CaseState,
  type CaseSummary,
  caseSummary,
  type DecisionContext,
  decide,
  evolve,
  initialState,
  isRuleViolation,
  nextDueAction,
  partnerActor,
  partnerFactCommand,
  refusePartnerFact,
} from '@ariadne/domain';
import {
  type CaseActivities,
  type AppendEventsInput,
  type AppendEventsResult,
  commandEventId,
  type CaseWorkflowInput,
  type CommandAudit,
  type CommandEnvelope,
  type CommandResult,
  FAILURE_TYPES,
  SA,
  caseCommandUpdate,
  caseStateQuery,
  openCaseUpdate,
  PARTNER_FACT_IDS_KEPT,
  type PartnerFactEnvelope,
  partnerFactSignal,
  timedCommandId,
} from '@ariadne/contracts';

/**
 * The append is one short transaction (milliseconds): a worker that dies holding it is noticed
 * after 5 s, not 30, and the retry starts at once. Retried without end, as before: an
 * acknowledged command's events are never dropped (the append is idempotent by event id).
 * Timeouts are not part of the history's determinism check, so old histories replay.
 */
const { appendEvents } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '5 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    maximumInterval: '10 seconds',
    backoffCoefficient: 2,
  },
});

/**
 * docs/adr/0013: the append as a local activity, run inside the workflow task that handles the
 * Update (one task per command instead of three: schedule, start, complete). Its input and
 * result reach the history only when the task completes; a task lost after the append committed
 * is run again with the same event ids (derived from the command's id) and adopts what the log
 * holds. Same retries as the activity above, without end.
 */
const { appendEvents: appendLocally } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '5 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    maximumInterval: '10 seconds',
    backoffCoefficient: 2,
  },
});
/** Runs (and tasks) from before the local append keep the activity: replay stays as it was. */
const LOCAL_APPEND = 'append-as-local-activity';
/** Search attributes upserted only when they change (issue 11); runs from before every time. */
const SEARCH_ATTRIBUTES_ON_CHANGE = 'search-attributes-on-change';
/** A search attribute's value as compared with what was published (dates by their instant). */
function publishedForm(value: string | boolean | Date | null): string {
  return value instanceof Date ? `d:${value.toISOString()}` : JSON.stringify(value);
}
/**
 * Issue 11: the timer of the next due action is kept while its instant stays the same. Runs from
 * before cancel it and start it again after every command (two more commands and history events
 * per command), and wait on a ten-year timer when nothing is due.
 */
const DEADLINE_TIMER_KEPT = 'deadline-timer-kept';
/** The durable timer of the next due action (one per instant). */
interface DeadlineTimer {
  readonly at: string;
  fired: boolean;
  readonly scope: CancellationScope;
}
/** A command decided again this many times on what the log holds, then refused (AppendConflict). */
const MAX_ADOPTIONS = 3;

/** How long a started workflow waits for its opening command before it gives up. */
const OPEN_TIMEOUT = '1 hour';
const RETRY_TIMED_ACTION_AFTER = '1 minute';
/** A case lives for years; its history is cut well before Temporal's own limits. */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;

/** Workflow time: the SDK makes `new Date()` deterministic inside the workflow sandbox. */
function workflowNow(): string {
  return new Date().toISOString();
}

type Legacy = NonNullable<DecisionContext['legacy']>;

/**
 * R18: the receiving organisation answers a referral itself, and withdrawing her consent
 * withdraws it. Commands that runs from before this change applied keep their old rules when
 * replayed (docs/adr/0005); asked only for the commands the change touches.
 */
function legacyRules(envelope: CommandEnvelope): Legacy | undefined {
  const type = envelope.command.type;
  // R27: identification decisions of runs from before who decided was required replay as they
  // were decided then. New ones never get here without it: the validator refuses them.
  if (
    envelope.command.type === 'RecordIdentification' &&
    envelope.command.decidedBy === undefined
  ) {
    return patched('identification-decided-by') ? undefined : { decidedByOptional: true };
  }
  if (type !== 'RecordCrossBorderReferralResponse' && type !== 'WithdrawConsent') return undefined;
  return patched('referrals-delivered') ? undefined : { referralsAnsweredBySender: true };
}

/** What the append records of a request's audit entry: all but the receipt. */
function withoutReceipt(audit: CommandAudit): Omit<CommandAudit, 'receipt'> {
  return {
    action: audit.action,
    categories: audit.categories,
    purpose: audit.purpose,
    requestId: audit.requestId,
  };
}

function systemActor(state: CaseState): Actor {
  return {
    userId: 'system',
    organisationId: state.status === 'open' ? state.organisationId : 'system',
    role: 'system',
  };
}

export async function caseWorkflow(input: CaseWorkflowInput): Promise<void> {
  const { caseId } = input;
  const maxHistoryEvents = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  const historyIsLong = (): boolean =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= maxHistoryEvents;
  let state: CaseState = input.snapshot ?? initialState();
  const lock = new Mutex();

  /** Throws an ApplicationFailure that rejects the command; leaves the state untouched. */
  function check(envelope: CommandEnvelope, now: string, legacy?: Legacy): CaseEvent[] {
    if (envelope.expectedVersion !== undefined && envelope.expectedVersion !== state.version) {
      throw ApplicationFailure.create({
        type: FAILURE_TYPES.versionConflict,
        message: `The case is at version ${state.version}, not ${envelope.expectedVersion}.`,
        details: [{ currentVersion: state.version }],
        nonRetryable: true,
      });
    }
    try {
      return decide(state, envelope.command, {
        now,
        actor: envelope.actor,
        ...(legacy && { legacy }),
        // R26a: only the API's import service sets it (runs before it never saw it: no patch).
        ...(envelope.carriedOver !== undefined && { carriedOver: envelope.carriedOver }),
      });
    } catch (e) {
      if (isRuleViolation(e)) {
        throw ApplicationFailure.create({
          type: FAILURE_TYPES.ruleViolation,
          message: e.message,
          details: [{ rule: e.rule, kind: e.kind }],
          nonRetryable: true,
        });
      }
      throw e;
    }
  }

  interface Committed {
    readonly summary: CaseSummary;
    readonly events: ReadonlyArray<{ readonly version: number; readonly type: string }>;
    /** The command's audit entry was written with these events (docs/adr/0013). */
    readonly audited?: boolean;
  }

  /**
   * Decides the events (`decideEvents`, which may throw to refuse), appends them (one idempotent
   * append), then applies them; for commands, timed actions and partner facts alike. Null when
   * there was nothing to append.
   *
   * With the local append (docs/adr/0013) the event ids derive from the command's own id, and a
   * log that already holds events at these versions is adopted, not refused: the workflow folds
   * what the log holds after its version; if this command's own events are among them (or were
   * adopted before), it answers from those; otherwise it decides the command again on that state.
   */
  async function commit(
    decideEvents: () => CaseEvent[],
    cause: Pick<CommandEnvelope, 'actor' | 'correlationId' | 'commandId' | 'audit'> & {
      readonly kind?: 'fact';
    },
    now: string,
  ): Promise<Committed | null> {
    const local = patched(LOCAL_APPEND);
    for (let attempt = 0; ; attempt++) {
      const events = decideEvents();
      // Runs from before the local append appended a command's empty decision too (replay).
      if (events.length === 0 && (local || cause.kind === 'fact')) return null;
      const before = state.version;
      const after = events.reduce(evolve, state);
      const summary = caseSummary(caseId, after);
      if (!summary) throw new Error('A command left the case unopened');
      const input: AppendEventsInput = {
        caseId,
        expectedVersion: before,
        events: events.map((e, i) => ({
          eventId: local ? commandEventId(caseId, cause.commandId, i) : uuid4(),
          type: e.type,
          data: e.data,
        })),
        metadata: {
          actorId: cause.actor.userId,
          actorRole: cause.actor.role,
          organisationId: cause.actor.organisationId,
          occurredAt: now,
          correlationId: cause.correlationId,
          causationId: cause.commandId,
        },
        summary,
        ...(local && { adopt: true }),
        // The request's audit entry, in the append's transaction (the receipt stays here).
        ...(cause.audit && { audit: withoutReceipt(cause.audit) }),
      };
      const result = local ? await appendLocally(input) : await appendEvents(input);
      if (!result.conflict) {
        state = after;
        publishSearchAttributes(summary);
        return {
          summary,
          events: events.map((e, i) => ({ version: before + i + 1, type: e.type })),
          ...(cause.audit && { audited: true }),
        };
      }
      const own = adopt(result.conflict);
      if (own.length > 0) {
        adoptedCommands.delete(cause.commandId);
        const current = caseSummary(caseId, state);
        if (!current) throw new Error('An adopted command left the case unopened');
        return { summary: current, events: own.map((e) => ({ version: e.version, type: e.type })) };
      }
      if (attempt + 1 >= MAX_ADOPTIONS) {
        throw ApplicationFailure.create({
          type: FAILURE_TYPES.appendConflict,
          message: 'The case moved on while this command was appended; send it again.',
          nonRetryable: true,
        });
      }
    }
  }

  /**
   * Commands whose events were adopted from the log before their Update was answered (a task
   * lost after its append): when Temporal delivers the Update again, it is answered from these
   * events, not decided again (a second decision could refuse what the log already holds).
   */
  const adoptedCommands = new Map<string, Committed['events']>();

  /**
   * Folds the events the log holds after the workflow's version (written by a workflow task that
   * was lost after its append committed) and answers this command's own events, if any.
   */
  function adopt(conflict: NonNullable<AppendEventsResult['conflict']>) {
    const newer = conflict.after.filter((e) => e.version > state.version);
    newer.forEach((e) => {
      if (e.version !== state.version + 1) {
        throw new Error(`The log skips from version ${state.version} to ${e.version}`);
      }
      state = evolve(state, { type: e.type, data: e.data } as CaseEvent);
      const caused = adoptedCommands.get(e.causationId) ?? [];
      adoptedCommands.set(e.causationId, [...caused, { version: e.version, type: e.type }]);
    });
    const summary = newer.length > 0 ? caseSummary(caseId, state) : null;
    if (summary) publishSearchAttributes(summary);
    log.info('Adopted events the log held', { adopted: newer.length, own: conflict.own.length });
    return conflict.own;
  }

  /**
   * R30: a partner's fact, decided as the partner's actor under the same rules as a command. The
   * same fact delivered again is recognised by its id and ignored; a fact a rule refuses is
   * recorded as PartnerFactRefused for her caseworker to resolve. Nothing is answered: the
   * partner was told 202 when the signal was accepted.
   */
  const partnerFactIds: string[] = [...(input.partnerFactIds ?? [])];
  async function takePartnerFact(envelope: PartnerFactEnvelope): Promise<void> {
    await lock.runExclusive(async () => {
      if (partnerFactIds.includes(envelope.factId)) return;
      if (state.status === 'none') return;
      partnerFactIds.push(envelope.factId);
      if (partnerFactIds.length > PARTNER_FACT_IDS_KEPT) partnerFactIds.shift();
      const now = workflowNow();
      const { partner, fact } = envelope;
      const actor = partnerActor(partner.partnerId, partner.organisationId);
      const decideFact = (): CaseEvent[] => {
        try {
          return decide(state, partnerFactCommand(fact, partner.kind), { now, actor });
        } catch (e) {
          if (!isRuleViolation(e)) throw e;
          const refusal = {
            factId: envelope.factId,
            factKind: fact.kind,
            partnerId: partner.partnerId,
          };
          log.info('Partner fact refused', { factKind: fact.kind, rule: e.rule });
          return refusePartnerFact(state, { ...refusal, rule: e.rule }, now);
        }
      };
      await commit(
        decideFact,
        { actor, correlationId: envelope.correlationId, commandId: envelope.factId, kind: 'fact' },
        now,
      );
    });
  }

  async function handle(envelope: CommandEnvelope): Promise<CommandResult> {
    // One command at a time: a command waiting here sees the state its predecessor left.
    return lock.runExclusive(async () => {
      const adoptedAnswer = adoptedCommands.get(envelope.commandId);
      if (adoptedAnswer) {
        adoptedCommands.delete(envelope.commandId);
        const current = caseSummary(caseId, state);
        return {
          caseId,
          version: state.version,
          events: adoptedAnswer,
          ...(current && { summary: current }),
        };
      }
      const now = workflowNow();
      const legacy = legacyRules(envelope);
      const committed = await commit(() => check(envelope, now, legacy), envelope, now);
      const summary = committed?.summary ?? caseSummary(caseId, state);
      return {
        caseId,
        version: state.version,
        events: committed?.events ?? [],
        ...(summary && { summary }),
        ...(committed?.audited && envelope.audit && { auditReceipt: envelope.audit.receipt }),
      };
    });
  }

  /** Enums, dates and opaque ids only (P1): what operators filter cases by in Temporal. */
  function publishSearchAttributes(summary: CaseSummary): void {
    const values = [
      { key: SA.phase, value: summary.status === 'closed' ? 'closed' : summary.phase },
      { key: SA.country, value: summary.country },
      { key: SA.organisation, value: summary.organisationId },
      { key: SA.pathway, value: summary.pathway },
      { key: SA.stalled, value: summary.stalledSince !== null },
      { key: SA.returnReadiness, value: summary.returnReadiness },
      { key: SA.nextDeadline, value: summary.nextDueAt ? new Date(summary.nextDueAt) : null },
    ] as const;
    // Issue 11: only what changed since this run last published (most commands change none: no
    // upsert, one command and one visibility write less per command). Runs from before publish
    // every time, as their histories hold.
    if (!patched(SEARCH_ATTRIBUTES_ON_CHANGE)) {
      upsertSearchAttributes([...values]);
      return;
    }
    const changed = values.filter(
      ({ key, value }) => published.get(key.name) !== publishedForm(value),
    );
    if (changed.length === 0) return;
    for (const { key, value } of changed) published.set(key.name, publishedForm(value));
    upsertSearchAttributes([...changed]);
  }
  /** What this run last published, per search attribute (compared as strings). */
  const published = new Map<string, string>();

  function isFinal(): boolean {
    return state.status === 'closed' && state.erasedAt !== undefined && !nextDueAction(state);
  }

  const validator = (envelope: CommandEnvelope): void => {
    // Its events are already in the log and the state (adopted): it is answered, not decided.
    if (adoptedCommands.has(envelope.commandId)) return;
    check(envelope, workflowNow());
  };
  setHandler(openCaseUpdate, handle, { validator });
  setHandler(caseCommandUpdate, handle, { validator });
  setHandler(caseStateQuery, () => state);
  setHandler(partnerFactSignal, takePartnerFact);

  if (state.status === 'none') {
    const opened = await condition(() => state.status !== 'none', OPEN_TIMEOUT);
    if (!opened) return;
  }

  /** The timer of the next due action, kept while the instant stays (DEADLINE_TIMER_KEPT). */
  let deadline: DeadlineTimer | undefined;
  /** The timer for `at` (none when nothing is due): the one running, or a new one for `waitMs`. */
  function deadlineTimer(at: string | undefined, waitMs: number): DeadlineTimer | undefined {
    if (deadline?.at === at) return deadline;
    // Cancelling a timer that has fired sends nothing to the server.
    deadline?.scope.cancel();
    deadline = undefined;
    if (at === undefined) return undefined;
    const timer: DeadlineTimer = { at, fired: false, scope: new CancellationScope() };
    timer.scope
      .run(() => sleep(waitMs))
      .then(
        () => {
          timer.fired = true;
        },
        () => undefined, // cancelled: its instant is no longer the next one
      );
    deadline = timer;
    return timer;
  }

  for (;;) {
    const due = nextDueAction(state);
    const seen = state.version;
    const waitMs = due ? Date.parse(due.at) - new Date().getTime() : undefined;
    const movedOn = (): boolean => state.version !== seen || historyIsLong();
    let moved: boolean;
    if (waitMs !== undefined && waitMs <= 0) {
      moved = false;
    } else if (patched(DEADLINE_TIMER_KEPT)) {
      const timer = deadlineTimer(due?.at, waitMs ?? 0);
      await condition(() => movedOn() || timer?.fired === true);
      moved = movedOn();
    } else {
      moved = await condition(movedOn, waitMs ?? '3650 days');
    }
    if (!moved && due) {
      try {
        await handle({
          command: due.command,
          actor: systemActor(state),
          // docs/adr/0013: the same action due at the same time is the same command.
          commandId: patched(LOCAL_APPEND)
            ? timedCommandId(due.command as { type: string; deadline?: string }, due.at)
            : uuid4(),
          correlationId: caseId,
        });
        // Answered without a new event (its events were adopted before): never spin on it.
        if (state.version === seen && patched(LOCAL_APPEND)) {
          log.warn('Timed action answered without moving the case', { command: due.command.type });
          await sleep(RETRY_TIMED_ACTION_AFTER);
        }
      } catch (e) {
        // Not applied (say, the state changed under the timer): log the kind only, never the
        // content, and wait before recomputing so that a persistent failure cannot spin.
        const failureType = e instanceof ApplicationFailure ? e.type : 'unknown';
        log.warn('Timed action not applied', { command: due.command.type, failureType });
        await sleep(RETRY_TIMED_ACTION_AFTER);
      }
    }
    // R23/P7: once her data is erased and nothing is due, the case is final and its run ends.
    // Runs that began before this rule existed keep waiting, as they did (patched).
    if (isFinal() && patched('complete-after-erasure')) return;
    if (historyIsLong()) {
      // Finish the commands in flight, then start a fresh run from the state (not the events).
      await condition(allHandlersFinished);
      await continueAsNew<typeof caseWorkflow>({
        caseId,
        snapshot: state,
        maxHistoryEvents,
        ...(partnerFactIds.length > 0 && { partnerFactIds }),
      });
    }
  }
}
