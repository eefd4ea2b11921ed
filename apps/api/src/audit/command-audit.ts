import { randomUUID } from 'node:crypto';
import type { CommandAudit } from '@ariadne/contracts';
import type { AuditedOptions } from './audited.decorator';

/**
 * Issue 11, docs/adr/0013: a command's audit entry is written by the append, in the transaction
 * that stores the command's events, so that a stored command's entry cannot fail apart from it.
 * The AuditInterceptor offers the entry (for the routes below) before the handler runs; the
 * command service sends it with the command and marks it recorded when the workflow answers
 * with its receipt. Otherwise (a refusal, nothing appended, an answer Temporal kept from an
 * earlier request, a worker from before) the interceptor writes the entry itself, as before.
 */
export interface CommandAuditOffer {
  readonly audit: CommandAudit;
  recorded: boolean;
}

/** The audited actions whose entry the append writes: a person's commands and case opening. */
const WRITTEN_BY_THE_APPEND: ReadonlySet<string> = new Set(['case.command', 'case.open']);

const OFFER = Symbol('ariadne.commandAudit');
type WithOffer = { [OFFER]?: CommandAuditOffer };

/** Attaches the offer to the request when the route's entry may be written by the append. */
export function offerCommandAudit(
  req: object,
  options: AuditedOptions,
  requestId: string | null,
): CommandAuditOffer | undefined {
  if (!WRITTEN_BY_THE_APPEND.has(options.action)) return undefined;
  const offer: CommandAuditOffer = {
    audit: {
      action: options.action,
      categories: [...options.categories],
      purpose: options.purpose ?? null,
      requestId,
      receipt: randomUUID(),
    },
    recorded: false,
  };
  (req as WithOffer)[OFFER] = offer;
  return offer;
}

/** The offer of this request, if its route has one. */
export function commandAuditOf(req: object): CommandAuditOffer | undefined {
  return (req as WithOffer)[OFFER];
}

/** Marks the offer recorded when the workflow's answer carries its receipt. */
export function acceptReceipt(
  offer: CommandAuditOffer | undefined,
  result: { readonly auditReceipt?: string },
): void {
  if (offer && result.auditReceipt !== undefined && result.auditReceipt === offer.audit.receipt) {
    offer.recorded = true;
  }
}
