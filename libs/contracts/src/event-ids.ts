/**
 * Event ids derived from the command that caused them (docs/adr/0013). The append runs as a local
 * activity, whose input reaches the history only when its workflow task completes: if that task
 * is lost after the append committed, the task runs again and must produce the same ids, so that
 * the event store recognises its own events (an idempotent no-op) instead of refusing them. Ids
 * therefore depend on the case, the command's own id (the Update id, which is the
 * Idempotency-Key; for a timed action, the action and its due time) and the event's place in the
 * command's events, never on the order in which a workflow task happens to run its work.
 * Sandbox-safe: a name-based UUID (RFC 9562 version 5) over @noble/hashes' SHA-1, which is plain
 * JavaScript (the `uuid` package's v5 uses node:crypto, which the workflow sandbox does not have).
 */
import { sha1 } from '@noble/hashes/legacy.js';

/** Ariadne's own namespace for event ids (fixed: changing it changes every future id). */
export const EVENT_ID_NAMESPACE = '5c0f8e52-3b7a-4d19-9f64-a1d2e83c7b40';

export function commandEventId(caseId: string, commandId: string, index: number): string {
  return uuidv5(`${caseId}\n${commandId}\n${index}`, EVENT_ID_NAMESPACE);
}

/**
 * The command id of a timed action (a reminder, an escalation, a stall flag, the end of
 * reflection, the erasure at the end of retention): the action, what it is about (the deadline
 * of a reminder or an escalation: several can fall due at the same time) and its due time. The
 * same action due at the same time is the same command, however often the workflow task that
 * runs it is retried.
 */
export function timedCommandId(
  command: { readonly type: string; readonly deadline?: string },
  dueAt: string,
): string {
  const about = command.deadline !== undefined ? `:${command.deadline}` : '';
  return `timed:${command.type}${about}:${dueAt}`;
}

/** The UTF-8 bytes of a string (TextEncoder's result, without relying on the sandbox's globals). */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  return out;
}

/** A version-5 (name-based, SHA-1) UUID of `name` in `namespace`, as RFC 9562 defines it. */
export function uuidv5(name: string, namespace: string): string {
  const ns = namespace.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(ns)) throw new Error('The namespace is not a UUID');
  const nsBytes = Array.from({ length: 16 }, (_, i) => parseInt(ns.slice(i * 2, i * 2 + 2), 16));
  const b = Array.from(sha1(Uint8Array.from([...nsBytes, ...utf8(name)])).subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
