/**
 * Issue 11: the case workflow keeps the durable timer of its next due action while that instant
 * stays the same (patch `deadline-timer-kept`). A command that leaves the deadline where it was
 * neither cancels nor starts a timer (two commands and two history events less per command);
 * one that moves it replaces the timer once; the kept timer still fires at its instant.
 */
import { temporal } from '@temporalio/proto';
import { caseStateQuery } from '@ariadne/contracts';
import { type CaseState, nextDueAction } from '@ariadne/domain';
import { eventually, openCase, send } from '../support/commands';
import { testPolicy } from '../support/fixtures';
import { recordHistory } from '../support/histories';
import { startWorkerHarness, type WorkerHarness } from '../support/stack';

jest.setTimeout(60_000);

const { EventType } = temporal.api.enums.v1;

describe('the deadline timer kept across commands', () => {
  let h: WorkerHarness;
  beforeAll(async () => {
    h = await startWorkerHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  async function timers(caseId: string) {
    const history = await h.client.workflow.getHandle(caseId).fetchHistory();
    const count = (type: temporal.api.enums.v1.EventType): number =>
      (history.events ?? []).filter((e) => e.eventType === type).length;
    return {
      started: count(EventType.EVENT_TYPE_TIMER_STARTED),
      canceled: count(EventType.EVENT_TYPE_TIMER_CANCELED),
      fired: count(EventType.EVENT_TYPE_TIMER_FIRED),
    };
  }
  async function nextDueAt(caseId: string): Promise<string | undefined> {
    const state = (await h.client.workflow
      .getHandle(caseId)
      .query(caseStateQuery)) as unknown as CaseState;
    return nextDueAction(state)?.at;
  }

  it('commands that leave the deadline where it was start no timer; one that moves it replaces it once', async () => {
    // Reflection of one hour: its end comes before what is due from the opening (a day).
    const caseId = await openCase(h.client, h.taskQueue, testPolicy('PT1H'));
    const dueAtOpening = await nextDueAt(caseId);
    expect(dueAtOpening).toBeDefined();
    const opened = await timers(caseId);
    expect(opened).toEqual({ started: 1, canceled: 0, fired: 0 });

    await send(h.client, caseId, { type: 'RecordImmediateNeed', need: 'safety' });
    await send(h.client, caseId, { type: 'RecordImmediateNeed', need: 'accommodation' });
    expect(await nextDueAt(caseId)).toBe(dueAtOpening);
    expect(await timers(caseId)).toEqual(opened);

    await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    expect(await nextDueAt(caseId)).not.toBe(dueAtOpening);
    expect(await timers(caseId)).toEqual({ started: 2, canceled: 1, fired: 0 });
  });

  it('the kept timer fires at its instant, after commands that did not move it (R7)', async () => {
    const caseId = await openCase(h.client, h.taskQueue, testPolicy('PT10S'));
    await send(h.client, caseId, {
      type: 'RecordIdentification',
      outcome: 'reasonable-grounds',
      decidedBy: 'police',
    });
    const reflectionTimer = await timers(caseId);
    // During the ten seconds of reflection (ample for two commands, even on a loaded machine):
    // commands that leave its end where it is.
    await send(h.client, caseId, { type: 'RecordImmediateNeed', need: 'safety' });
    await send(h.client, caseId, { type: 'RecordImmediateNeed', need: 'interpretation' });
    expect(await timers(caseId)).toEqual(reflectionTimer);

    const events = await eventually(
      () => h.store.readCase(caseId),
      (es) => es.some((e) => e.type === 'ReflectionPeriodEnded'),
    );
    const started = events.find((e) => e.type === 'ReflectionPeriodStarted');
    const ended = events.find((e) => e.type === 'ReflectionPeriodEnded');
    expect(ended).toBeDefined();
    expect(Date.parse(String(ended?.metadata['occurredAt']))).toBeGreaterThanOrEqual(
      Date.parse((started?.data as { endsAt: string }).endsAt),
    );
    const after = await timers(caseId);
    expect(after.fired).toBe(1);
    expect(after.canceled).toBe(reflectionTimer.canceled);
    recordHistory(caseId, 'deadline-timer-kept');
  });
});
