import { runInNewContext } from 'node:vm';
import {
  ActivityFailure,
  ApplicationFailure,
  type LogLevel,
  type LogMetadata,
} from '@temporalio/common';
import { redactingTemporalLogger } from './temporal-logger';

describe('redactingTemporalLogger', () => {
  const lines: [LogLevel, string, LogMetadata | undefined][] = [];
  const inner = {
    log: (level: LogLevel, message: string, meta?: LogMetadata) =>
      lines.push([level, message, meta]),
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const logger = redactingTemporalLogger(inner);

  it('keeps error classes and types but no messages, stacks or personal fields', () => {
    const cause = ApplicationFailure.nonRetryable('no place for Ana Secretperson', 'NoPlace');
    const error = new ActivityFailure('Activity task failed', 'refuse', 'a1', undefined, '', cause);
    logger.warn('Activity failed', { error, taskQueue: 'q', name: 'Ana Secretperson', n: 1 });
    logger.info('plain');
    const [level, message, meta] = lines[0]!;
    expect([level, message]).toEqual(['WARN', 'Activity failed']);
    expect(meta).toEqual({
      error: { name: 'ActivityFailure', cause: { name: 'ApplicationFailure', type: 'NoPlace' } },
      taskQueue: 'q',
      n: 1,
    });
    expect(JSON.stringify(lines)).not.toContain('Secretperson');
    expect(lines[1]).toEqual(['INFO', 'plain', undefined]);
  });

  it('recognises errors from another realm (the workflow sandbox)', () => {
    const foreign: unknown = runInNewContext('new TypeError("about Ana Secretperson")');
    expect(foreign instanceof Error).toBe(false);
    logger.warn('Workflow failed', { error: foreign });
    expect(lines.at(-1)?.[2]).toEqual({ error: { name: 'TypeError' } });
  });
});
