import { v5 } from 'uuid';
import { commandEventId, EVENT_ID_NAMESPACE, timedCommandId, uuidv5 } from './event-ids';

describe('event ids derived from the command (docs/adr/0013)', () => {
  it.each([
    'case\ncommand\n0',
    'idempotency-key-ÅÄÖ',
    'timed:SendReminder:2026-01-01T00:00:00.000Z',
    'å∑😀'.repeat(40),
  ])('uuidv5 agrees with the uuid package on %s', (name) => {
    expect(uuidv5(name, EVENT_ID_NAMESPACE)).toBe(v5(name, EVENT_ID_NAMESPACE));
  });

  it('gives the same command the same ids, every time and in any order of work', () => {
    const a = commandEventId('case-1', 'key-1', 0);
    expect(commandEventId('case-1', 'key-1', 0)).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('gives another event, command or case other ids', () => {
    const ids = new Set([
      commandEventId('case-1', 'key-1', 0),
      commandEventId('case-1', 'key-1', 1),
      commandEventId('case-1', 'key-2', 0),
      commandEventId('case-2', 'key-1', 0),
    ]);
    expect(ids.size).toBe(4);
  });

  it('names a timed action by its type, its deadline and its due time', () => {
    const at = '2026-03-01T08:00:00.000Z';
    const remind = (deadline: string) => ({ type: 'SendDeadlineReminder', deadline });
    expect(timedCommandId(remind('a'), at)).toBe(timedCommandId(remind('a'), at));
    // Two reminders due at the same time, for two deadlines, are two commands.
    expect(timedCommandId(remind('a'), at)).not.toBe(timedCommandId(remind('b'), at));
    expect(timedCommandId({ type: 'FlagCaseStalled' }, at)).not.toBe(
      timedCommandId({ type: 'EndReflectionPeriod' }, at),
    );
    expect(timedCommandId(remind('a'), at)).not.toBe(
      timedCommandId(remind('a'), '2026-03-01T08:00:01.000Z'),
    );
  });
});
