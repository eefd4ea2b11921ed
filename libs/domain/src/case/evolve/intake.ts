import type { Evolvers } from './types';

export const intakeEvolvers: Evolvers<
  | 'PersonDetailsRecorded'
  | 'ImmediateNeedRecorded'
  | 'ImmediateNeedMet'
  | 'IdentificationDecided'
  | 'ConclusiveIdentificationDecided'
> = {
  PersonDetailsRecorded: (s, e) => ({
    ...s,
    personDetailsRecordedAt: s.personDetailsRecordedAt ?? e.data.recordedAt,
  }),
  ImmediateNeedRecorded: (s, e) => ({
    ...s,
    immediateNeeds: [...s.immediateNeeds, { need: e.data.need, recordedAt: e.data.recordedAt }],
  }),
  ImmediateNeedMet: (s, e) => ({
    ...s,
    immediateNeeds: s.immediateNeeds.map((n) =>
      n.need === e.data.need && !n.metAt ? { ...n, metAt: e.data.metAt } : n,
    ),
  }),
  IdentificationDecided: (s, e) => ({
    ...s,
    identification: {
      outcome: e.data.outcome,
      decidedAt: e.data.decidedAt,
      firstDecidedAt: s.identification?.firstDecidedAt ?? e.data.decidedAt,
      ...(e.data.decidedBy !== undefined && { decidedBy: e.data.decidedBy }),
    },
  }),
  ConclusiveIdentificationDecided: (s, e) => ({
    ...s,
    conclusiveIdentification: {
      outcome: e.data.outcome,
      decidedBy: e.data.decidedBy,
      decidedAt: e.data.decidedAt,
      firstDecidedAt: s.conclusiveIdentification?.firstDecidedAt ?? e.data.decidedAt,
    },
  }),
};
