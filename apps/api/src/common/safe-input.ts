import { type ArgumentMetadata, HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { type FieldError, problem } from './problem';

/**
 * How deep a request body may nest. Our deepest body (a cross-border referral's personal data)
 * nests four levels; the bound keeps validation's recursion far from the stack's end.
 */
export const MAX_JSON_DEPTH = 16;

/** Names that reach an object's prototype when copied: never a field of ours. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A field path as a client can show it; a key we would never name is not echoed. */
function fieldName(path: readonly string[]): string {
  return path.map((k) => (/^[A-Za-z0-9_-]{1,64}$/.test(k) ? k : '?')).join('.');
}

/**
 * The first thing in a parsed body or query that no route accepts, walked without recursion:
 * nesting deeper than MAX_JSON_DEPTH, a NUL character in any string or key (PostgreSQL refuses
 * it in text), or a prototype key (`__proto__`, `constructor`, `prototype`).
 */
export function findUnsafeInput(root: unknown): FieldError | undefined {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: string[] };
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        return { field: fieldName(path), message: 'must not contain a NUL character' };
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      return {
        field: fieldName(path.slice(0, 3)),
        message: `must not nest deeper than ${MAX_JSON_DEPTH} levels`,
      };
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_KEYS.has(key)) {
        return { field: fieldName([...path, key]), message: `property ${key} should not exist` };
      }
      if (key.includes('\u0000')) {
        return { field: fieldName([...path, key]), message: 'must not contain a NUL character' };
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}

/**
 * Runs before validation on every body and query: refuses what findUnsafeInput finds with 400
 * naming the field (never its value), so that nothing of it reaches class-transformer, the
 * database or a log.
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const found = findUnsafeInput(value);
    if (!found) return value;
    throw problem(HttpStatus.BAD_REQUEST, 'invalid-request', 'The request is not valid', {
      detail: `${found.field || 'body'}: ${found.message}`,
      errors: [found],
    });
  }
}
