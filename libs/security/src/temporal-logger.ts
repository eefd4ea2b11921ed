import type { Logger, LogLevel, LogMetadata } from '@temporalio/common';
import { types } from 'node:util';
import { PERSONAL_FIELDS } from './redaction';

/** What is left of an error in a log line: its class and failure type, never message or stack. */
export interface ErrorSummary {
  readonly name: string;
  readonly type?: string;
  readonly cause?: ErrorSummary;
}

const PERSONAL = new Set(PERSONAL_FIELDS);

/**
 * Wraps the logger given to `Runtime.install({ logger })`. The Temporal worker logs every failed
 * activity and workflow at WARN with the error itself in the metadata, and error messages can
 * quote personal data ("no place for <name>"); pino's `redact` cannot reach inside an Error. This
 * keeps the error's class and failure type, drops message and stack, and drops personal fields.
 */
export function redactingTemporalLogger(inner: Logger): Logger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    inner.log(level, message, meta === undefined ? undefined : redactMeta(meta));
  };
  return {
    log,
    trace: (m, meta) => log('TRACE', m, meta),
    debug: (m, meta) => log('DEBUG', m, meta),
    info: (m, meta) => log('INFO', m, meta),
    warn: (m, meta) => log('WARN', m, meta),
    error: (m, meta) => log('ERROR', m, meta),
  };
}

function redactMeta(meta: LogMetadata): LogMetadata {
  const out: LogMetadata = {};
  for (const [key, value] of Object.entries(meta as Record<string, unknown>)) {
    if (PERSONAL.has(key)) continue;
    out[key] = isError(value) ? summarise(value) : value;
  }
  return out;
}

/** Errors from the workflow sandbox come from another realm, where `instanceof Error` fails. */
function isError(value: unknown): value is Error {
  return value instanceof Error || types.isNativeError(value);
}

export function summarise(error: Error, depth = 0): ErrorSummary {
  const type = (error as { type?: unknown }).type;
  const cause =
    error.cause instanceof Error && depth < 5 ? summarise(error.cause, depth + 1) : undefined;
  return {
    name: error.name,
    ...(typeof type === 'string' ? { type } : {}),
    ...(cause ? { cause } : {}),
  };
}
