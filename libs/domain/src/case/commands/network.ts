import type { Communication } from '../personal';
import type { TransferResponse } from '../network';

/**
 * R30: a caseworker or supervisor of the case's organisation settles a fact a partner system
 * reported and a rule refused (she has checked it with the partner, or recorded it herself).
 */
export interface ResolveRefusedFact {
  readonly type: 'ResolveRefusedFact';
  readonly factId: string;
}

/**
 * R31: the case moves to another organisation of the same country, with her consent (her
 * language and the interpreter recorded as for every decision of hers). The API checks the
 * country; the receiving organisation's supervisor answers.
 */
export interface ProposeTransfer {
  readonly type: 'ProposeTransfer';
  readonly receivingOrganisationId: string;
  readonly communication: Communication;
}

/** R31: the receiving organisation's supervisor accepts (naming its responsible caseworker) or declines. */
export interface AnswerTransfer {
  readonly type: 'AnswerTransfer';
  readonly response: TransferResponse;
  /** Accepted only: the receiver's responsible caseworker (R22). */
  readonly assigneeId?: string;
}

/** R31: the sender withdraws a proposal nobody has answered yet. */
export interface WithdrawTransfer {
  readonly type: 'WithdrawTransfer';
}

export type NetworkCommand =
  ResolveRefusedFact | ProposeTransfer | AnswerTransfer | WithdrawTransfer;
