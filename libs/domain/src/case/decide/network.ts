import { RuleViolation } from '../../errors';
import { communicationRecord } from '../personal';
import { TRANSFER_RESPONSES } from '../network';
import type { CaseEvent } from '../events';
import type { ClosedCaseState, OpenCaseState } from '../state';
import type { Actor } from '../types';
import {
  type DecisionContext,
  type Deciders,
  type CommandOf,
  nextId,
  requireCommunication,
  requireOneOf,
  requireOpaqueId,
} from './context';

/** R30, R31: a caseworker or supervisor of the case's own organisation. */
function requireStaffOfCase(
  s: OpenCaseState | ClosedCaseState,
  ctx: DecisionContext,
  rule: string,
  what: string,
): Actor {
  const a = ctx.actor;
  const staff = a && (a.role === 'caseworker' || a.role === 'supervisor');
  if (!a || !staff || a.organisationId !== s.organisationId) {
    throw new RuleViolation(
      rule,
      `${what} is done by a caseworker or supervisor of the case's organisation.`,
      'forbidden',
    );
  }
  return a;
}

/**
 * R30: she settles a refused partner fact (open or closed case alike: a fact refused on a
 * closed case is still hers to look at).
 */
export function resolveRefusedFact(
  s: OpenCaseState | ClosedCaseState,
  c: CommandOf<'ResolveRefusedFact'>,
  ctx: DecisionContext,
): CaseEvent[] {
  const actor = requireStaffOfCase(s, ctx, 'R30', 'Resolving a refused fact');
  if (!(s.refusedFacts ?? []).some((f) => f.factId === c.factId)) {
    throw new RuleViolation('R30', 'There is no unresolved refused fact with this id.');
  }
  return [
    {
      type: 'RefusedFactResolved',
      data: { factId: c.factId, resolvedBy: actor.userId, resolvedAt: ctx.now },
    },
  ];
}

export const transferDeciders: Deciders<'ProposeTransfer' | 'AnswerTransfer' | 'WithdrawTransfer'> =
  {
    /** R31: with her consent, to another organisation (the API checks it is in the same country). */
    ProposeTransfer: (s, c, ctx) => {
      const actor = requireStaffOfCase(s, ctx, 'R31', 'A transfer');
      requireOpaqueId(c.receivingOrganisationId, 'R31', 'receivingOrganisationId');
      requireCommunication(c.communication, 'R31');
      if (c.receivingOrganisationId === s.organisationId) {
        throw new RuleViolation('R31', 'The case already belongs to this organisation.', 'invalid');
      }
      if (s.transfer) {
        throw new RuleViolation('R31', 'A transfer is already waiting for its answer.');
      }
      return [
        {
          type: 'TransferProposed',
          data: {
            transferId: nextId('transfer', s.transfersProposed ?? 0),
            fromOrganisationId: s.organisationId,
            toOrganisationId: c.receivingOrganisationId,
            proposedBy: actor.userId,
            proposedAt: ctx.now,
            ...communicationRecord(c.communication),
          },
        },
      ];
    },

    /** R31, R22: only a supervisor of the receiving organisation answers; acceptance names its caseworker. */
    AnswerTransfer: (s, c, ctx) => {
      const pending = s.transfer;
      if (!pending) throw new RuleViolation('R31', 'No transfer is waiting for an answer.');
      const a = ctx.actor;
      if (!a || a.role !== 'supervisor' || a.organisationId !== pending.toOrganisationId) {
        throw new RuleViolation(
          'R31',
          'A transfer is answered by a supervisor of the receiving organisation.',
          'forbidden',
        );
      }
      requireOneOf(c.response, TRANSFER_RESPONSES, 'R31', 'response');
      if (c.response === 'declined') {
        return [
          {
            type: 'TransferDeclined',
            data: {
              transferId: pending.transferId,
              toOrganisationId: pending.toOrganisationId,
              decidedBy: a.userId,
              declinedAt: ctx.now,
            },
          },
        ];
      }
      requireOpaqueId(c.assigneeId, 'R22', 'assigneeId');
      return [
        {
          type: 'TransferAccepted',
          data: {
            transferId: pending.transferId,
            fromOrganisationId: s.organisationId,
            toOrganisationId: pending.toOrganisationId,
            previousAssigneeId: s.assigneeId,
            assigneeId: c.assigneeId,
            decidedBy: a.userId,
            acceptedAt: ctx.now,
          },
        },
      ];
    },

    WithdrawTransfer: (s, _c, ctx) => {
      const actor = requireStaffOfCase(s, ctx, 'R31', 'Withdrawing a transfer');
      if (!s.transfer) throw new RuleViolation('R31', 'No transfer is waiting for an answer.');
      return [
        {
          type: 'TransferWithdrawn',
          data: {
            transferId: s.transfer.transferId,
            withdrawnBy: actor.userId,
            withdrawnAt: ctx.now,
          },
        },
      ];
    },
  };
