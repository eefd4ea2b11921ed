import { omit } from '../omit';
import type { Evolvers } from './types';

export const managementEvolvers: Evolvers<
  | 'LegalStepRecorded'
  | 'CaseReassigned'
  | 'CaseClosed'
  | 'CaseReopened'
  | 'PersonalDataErased'
  | 'NoteAdded'
  | 'DeadlineReminderSent'
  | 'DeadlineEscalated'
  | 'CaseFlaggedStalled'
  | 'CaseStallCleared'
> = {
  // R3: the legal track runs beside the journey; evolve.ts never lets it reach the state.
  LegalStepRecorded: (s) => s,
  CaseReassigned: (s, e) => ({ ...s, assigneeId: e.data.assigneeId }),
  CaseClosed: (s, e) => ({
    ...s,
    status: 'closed',
    closure: {
      reason: e.data.reason,
      closedAt: e.data.closedAt,
      erasureDueAt: e.data.erasureDueAt,
    },
  }),
  CaseReopened: (s) => ({ ...omit(s, 'closure'), status: 'open' }),
  PersonalDataErased: (s, e) => ({ ...s, erasedAt: e.data.erasedAt }),
  // A note is all personal data; nothing of it reaches the state (P1).
  NoteAdded: (s) => s,
  DeadlineReminderSent: (s, e) => ({
    ...s,
    notices: [
      ...s.notices,
      { deadline: e.data.deadline, dueAt: e.data.dueAt, notice: 'reminder', at: e.data.sentAt },
    ],
  }),
  DeadlineEscalated: (s, e) => ({
    ...s,
    notices: [
      ...s.notices,
      {
        deadline: e.data.deadline,
        dueAt: e.data.dueAt,
        notice: 'escalation',
        at: e.data.escalatedAt,
      },
    ],
  }),
  CaseFlaggedStalled: (s, e) => ({
    ...s,
    stalled: { since: e.data.since, flaggedAt: e.data.flaggedAt },
  }),
  // An explicit undefined, not a deletion: the state type stays whole (JSON drops it anyway).
  CaseStallCleared: (s) => ({ ...s, stalled: undefined }),
};
