/**
 * The case in a network of organisations and systems: facts that partner systems report (R30)
 * and the transfer of a case to another organisation of the same country (R31).
 */
import { RuleViolation } from '../errors';
import type { CaseCommand, CaseCommandType } from './commands';
import type { CaseEvent } from './events';
import type { CaseState } from './state';
import {
  type Actor,
  IDENTIFICATION_OUTCOMES,
  type IdentificationDecider,
  type IdentificationOutcome,
} from './types';

/**
 * R30: what a partner system may report. Each kind is one command of the journey, decided by
 * the same rules as when a caseworker records it; a partner may report nothing else.
 */
export const PARTNER_FACT_KINDS = ['identification-decision', 'shelter-check-in'] as const;
export type PartnerFactKind = (typeof PARTNER_FACT_KINDS)[number];

/** The kinds of partner (who they are, not what they may report: that is per partner). */
export const PARTNER_KINDS = [
  'police',
  'migration-authority',
  'receiving-organisation',
  'shelter',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export type PartnerFact = (
  | { readonly kind: 'identification-decision'; readonly outcome: IdentificationOutcome }
  | { readonly kind: 'shelter-check-in' }
) & {
  /** When it happened at the partner, if earlier than its delivery (Occurred, R24). */
  readonly occurredAt?: string;
};

/** R27: who decided an identification a partner reports. */
const DECIDER_OF: Readonly<Record<PartnerKind, IdentificationDecider>> = {
  police: 'police',
  'migration-authority': 'migration-authority',
  'receiving-organisation': 'ngo',
  shelter: 'ngo',
};

/** The command each fact kind stands for: the partner's whole right on a case (R30). */
export const PARTNER_COMMANDS = {
  'identification-decision': 'RecordIdentification',
  // She arrived at the shelter: the open immediate need of accommodation is met (R2).
  'shelter-check-in': 'RecordImmediateNeedMet',
} as const satisfies Readonly<Record<PartnerFactKind, CaseCommandType>>;

const PARTNER_COMMAND_TYPES: readonly CaseCommandType[] = Object.values(PARTNER_COMMANDS);

export function isPartnerFactKind(value: unknown): value is PartnerFactKind {
  return typeof value === 'string' && (PARTNER_FACT_KINDS as readonly string[]).includes(value);
}

/** The command a partner's fact asks for; a malformed fact is refused naming the field (R30). */
export function partnerFactCommand(fact: PartnerFact, partnerKind: PartnerKind): CaseCommand {
  const when = fact.occurredAt !== undefined ? { occurredAt: fact.occurredAt } : {};
  switch (fact.kind) {
    case 'identification-decision':
      if (!(IDENTIFICATION_OUTCOMES as readonly unknown[]).includes(fact.outcome)) {
        throw new RuleViolation(
          'R30',
          `outcome must be one of: ${IDENTIFICATION_OUTCOMES.join(', ')}.`,
          'invalid',
        );
      }
      return {
        type: 'RecordIdentification',
        outcome: fact.outcome,
        decidedBy: DECIDER_OF[partnerKind],
        ...when,
      };
    case 'shelter-check-in':
      return { type: 'RecordImmediateNeedMet', need: 'accommodation', ...when };
    default:
      throw new RuleViolation('R30', 'kind is not a partner fact kind.', 'invalid');
  }
}

/**
 * R30: a partner acts as itself (its id, never a person) for the organisation it serves, with
 * the narrowest role there is.
 */
export function partnerActor(partnerId: string, organisationId: string): Actor {
  return { userId: partnerId, organisationId, role: 'partner' };
}

/** R30: a partner's actor issues only the commands its fact kinds stand for. */
export function requirePartnerCommand(command: CaseCommand, actor: Actor | undefined): void {
  if (actor?.role === 'partner' && !PARTNER_COMMAND_TYPES.includes(command.type)) {
    throw new RuleViolation(
      'R30',
      'A partner system reports facts of its kinds only; it issues no other command.',
      'forbidden',
    );
  }
}

/**
 * R30: the refusal of a partner's fact, recorded on the case for a caseworker to resolve. A
 * fact on a case that is not open, or whose data is erased, leaves no trace (nothing to resolve).
 */
export function refusePartnerFact(
  state: CaseState,
  refusal: { factId: string; factKind: PartnerFactKind; partnerId: string; rule: string },
  now: string,
): CaseEvent[] {
  if (state.status === 'none' || state.erasedAt) return [];
  if ((state.refusedFacts ?? []).some((f) => f.factId === refusal.factId)) return [];
  return [{ type: 'PartnerFactRefused', data: { ...refusal, refusedAt: now } }];
}

/** R31: how the receiving organisation answers a transfer. */
export const TRANSFER_RESPONSES = ['accepted', 'declined'] as const;
export type TransferResponse = (typeof TRANSFER_RESPONSES)[number];
