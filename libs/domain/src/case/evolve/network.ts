import type { Evolvers } from './types';

export const networkEvolvers: Evolvers<
  | 'PartnerFactRefused'
  | 'RefusedFactResolved'
  | 'TransferProposed'
  | 'TransferAccepted'
  | 'TransferDeclined'
  | 'TransferWithdrawn'
> = {
  PartnerFactRefused: (s, e) => ({
    ...s,
    refusedFacts: [
      ...(s.refusedFacts ?? []),
      {
        factId: e.data.factId,
        factKind: e.data.factKind,
        partnerId: e.data.partnerId,
        rule: e.data.rule,
        refusedAt: e.data.refusedAt,
      },
    ],
  }),
  RefusedFactResolved: (s, e) => ({
    ...s,
    refusedFacts: (s.refusedFacts ?? []).filter((f) => f.factId !== e.data.factId),
  }),
  TransferProposed: (s, e) => ({
    ...s,
    transfer: {
      transferId: e.data.transferId,
      toOrganisationId: e.data.toOrganisationId,
      proposedBy: e.data.proposedBy,
      proposedAt: e.data.proposedAt,
    },
    transfersProposed: (s.transfersProposed ?? 0) + 1,
  }),
  // R31: the same case continues at the receiver: its organisation and responsible caseworker
  // change; its facts, deadlines and timers do not.
  TransferAccepted: (s, e) => ({
    ...s,
    organisationId: e.data.toOrganisationId,
    assigneeId: e.data.assigneeId,
    transfer: undefined,
  }),
  TransferDeclined: (s) => ({ ...s, transfer: undefined }),
  TransferWithdrawn: (s) => ({ ...s, transfer: undefined }),
};
