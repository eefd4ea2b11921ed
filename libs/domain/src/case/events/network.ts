import type { PersonalData } from '../personal';
import type { PartnerFactKind } from '../network';

/**
 * R30: a partner system reported a fact that a rule refused. Ids, the fact's kind and the rule
 * only: nothing of what the partner said about her (P1).
 */
export interface PartnerFactRefused {
  readonly type: 'PartnerFactRefused';
  readonly data: {
    readonly factId: string;
    readonly factKind: PartnerFactKind;
    readonly partnerId: string;
    readonly rule: string;
    readonly refusedAt: string;
  };
}

export interface RefusedFactResolved {
  readonly type: 'RefusedFactResolved';
  readonly data: {
    readonly factId: string;
    readonly resolvedBy: string;
    readonly resolvedAt: string;
  };
}

/** R31: her consent to the transfer is recorded with the proposal (the language she used is sealed). */
export interface TransferProposed {
  readonly type: 'TransferProposed';
  readonly data: {
    readonly transferId: string;
    readonly fromOrganisationId: string;
    readonly toOrganisationId: string;
    readonly proposedBy: string;
    readonly proposedAt: string;
    readonly interpreterUsed: boolean;
    readonly personal?: PersonalData<'identity'>;
  };
}

/** R31: from here the case, its deadlines and its timers belong to the receiving organisation. */
export interface TransferAccepted {
  readonly type: 'TransferAccepted';
  readonly data: {
    readonly transferId: string;
    readonly fromOrganisationId: string;
    readonly toOrganisationId: string;
    readonly previousAssigneeId: string;
    readonly assigneeId: string;
    readonly decidedBy: string;
    readonly acceptedAt: string;
  };
}

export interface TransferDeclined {
  readonly type: 'TransferDeclined';
  readonly data: {
    readonly transferId: string;
    readonly toOrganisationId: string;
    readonly decidedBy: string;
    readonly declinedAt: string;
  };
}

export interface TransferWithdrawn {
  readonly type: 'TransferWithdrawn';
  readonly data: {
    readonly transferId: string;
    readonly withdrawnBy: string;
    readonly withdrawnAt: string;
  };
}

export type NetworkEvent =
  | PartnerFactRefused
  | RefusedFactResolved
  | TransferProposed
  | TransferAccepted
  | TransferDeclined
  | TransferWithdrawn;
