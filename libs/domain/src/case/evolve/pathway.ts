import { omit } from '../omit';
import type { Evolvers } from './types';

export const pathwayEvolvers: Evolvers<
  | 'PathwayChosen'
  | 'IntegrationPlanAgreed'
  | 'IntegrationMilestoneReached'
  | 'ResidencePermitApplied'
  | 'ResidencePermitDecided'
  | 'AsylumClaimRecorded'
> = {
  PathwayChosen: (s, e, seq) => ({
    ...s,
    pathway: e.data.pathway,
    pathwayChosenAt: e.data.chosenAt,
    pathwayChosenSeq: seq,
  }),
  IntegrationPlanAgreed: (s, e) => ({
    ...s,
    integrationPlan: { milestones: e.data.milestones, agreedAt: e.data.agreedAt },
  }),
  IntegrationMilestoneReached: (s, e) => ({
    ...s,
    milestonesReached: { ...s.milestonesReached, [e.data.milestone]: e.data.reachedAt },
  }),
  ResidencePermitApplied: (s, e) => ({
    ...s,
    permit:
      e.data.renewal && s.permit
        ? { ...s.permit, renewalAppliedAt: e.data.appliedAt }
        : { status: 'applied', ground: e.data.ground, appliedAt: e.data.appliedAt },
  }),
  ResidencePermitDecided: (s, e) => {
    if (!s.permit) return s;
    const permit = omit(s.permit, 'renewalAppliedAt', 'expiresAt');
    return e.data.outcome === 'granted'
      ? {
          ...s,
          permit: {
            ...permit,
            status: 'granted',
            decidedAt: e.data.decidedAt,
            expiresAt: e.data.expiresAt,
          },
        }
      : { ...s, permit: { ...permit, status: 'refused', decidedAt: e.data.decidedAt } };
  },
  // R11: an asylum claim runs beside the journey; evolve.ts never lets it reach the state.
  AsylumClaimRecorded: (s) => s,
};
