import { RuleViolation } from '../../errors';
import { addDuration, isAtOrAfter } from '../../policy/duration';
import { communicationRecord, DATA_CATEGORIES } from '../personal';
import { CLOSURE_REASONS, LEGAL_STEPS, REASSIGNMENT_REASONS, REOPENING_REASONS } from '../types';
import {
  type ClosedDeciders,
  type Deciders,
  requireCommunication,
  requireOneOf,
  requireOpaqueId,
  requireSupervisor,
  requireSystem,
} from './context';

export const managementDeciders: Deciders<
  'RecordLegalStep' | 'ReassignCase' | 'CloseCase' | 'AddNote'
> = {
  /** R3: the legal track is recorded whatever her choices; it is never a condition. */
  RecordLegalStep: (_s, c, ctx) => {
    requireOneOf(c.step, LEGAL_STEPS, 'R3', 'step');
    return [
      {
        type: 'LegalStepRecorded',
        data: { step: c.step, recordedAt: ctx.now, ...(c.personal && { personal: c.personal }) },
      },
    ];
  },

  /** R22: a supervisor hands the case on; it always has exactly one responsible caseworker. */
  ReassignCase: (s, c, ctx) => {
    const supervisor = requireSupervisor(s, ctx, 'R22', 'A reassignment');
    requireOpaqueId(c.assigneeId, 'R22', 'assigneeId');
    requireOneOf(c.reason, REASSIGNMENT_REASONS, 'R22', 'reason');
    if (c.assigneeId === s.assigneeId) {
      throw new RuleViolation('R22', 'The case is already assigned to this caseworker.');
    }
    return [
      {
        type: 'CaseReassigned',
        data: {
          previousAssigneeId: s.assigneeId,
          assigneeId: c.assigneeId,
          reason: c.reason,
          decidedBy: supervisor.userId,
          reassignedAt: ctx.now,
        },
      },
    ];
  },

  /** A case note on an open case: it must say something (its text is sealed, P2). */
  AddNote: (_s, c, ctx) => {
    const text = c.personal?.notes?.text;
    if (typeof text !== 'string' || text.trim().length === 0) {
      throw new RuleViolation('P2', 'A note needs its text.', 'invalid');
    }
    return [{ type: 'NoteAdded', data: { addedAt: ctx.now, personal: { notes: { text } } } }];
  },

  /** R23: closure needs a reason; erasure falls due after the policy's retention period. */
  CloseCase: (s, c, ctx) => {
    requireOneOf(c.reason, CLOSURE_REASONS, 'R23', 'reason');
    return [
      {
        type: 'CaseClosed',
        data: {
          reason: c.reason,
          closedAt: ctx.now,
          erasureDueAt: addDuration(ctx.now, s.policy.retentionAfterClosure),
        },
      },
    ];
  },
};

export const closedCaseDeciders: ClosedDeciders<
  'ReopenCase' | 'ErasePersonalData' | 'EraseOnRequest'
> = {
  ReopenCase: (_s, c, ctx) => {
    requireOneOf(c.reason, REOPENING_REASONS, 'R23', 'reason');
    return [{ type: 'CaseReopened', data: { reason: c.reason, reopenedAt: ctx.now } }];
  },

  /** R23, P7: personal data goes when retention ends; anonymised facts stay. */
  ErasePersonalData: (s, _c, ctx) => {
    requireSystem(ctx, 'R23');
    if (!isAtOrAfter(ctx.now, s.closure.erasureDueAt)) {
      throw new RuleViolation('R23', `Erasure is due at ${s.closure.erasureDueAt}, not before.`);
    }
    return [
      { type: 'PersonalDataErased', data: { erasedAt: ctx.now, categories: [...DATA_CATEGORIES] } },
    ];
  },

  /** P7, GDPR 17: on her request a supervisor erases before retention ends; the same event. */
  EraseOnRequest: (s, c, ctx) => {
    const supervisor = requireSupervisor(s, ctx, 'P7', 'An erasure on her request');
    requireCommunication(c.communication, 'P7');
    return [
      {
        type: 'PersonalDataErased',
        data: {
          erasedAt: ctx.now,
          categories: [...DATA_CATEGORIES],
          reason: 'her-request',
          erasedBy: supervisor.userId,
          ...communicationRecord(c.communication),
        },
      },
    ];
  },
};
