import { RuleViolation } from '../../errors';
import { isAtOrAfter } from '../../policy/duration';
import { communicationRecord } from '../personal';
import type { OpenCaseState } from '../state';
import { ASYLUM_STATUSES, MILESTONES, PATHWAYS, PERMIT_GROUNDS, PERMIT_OUTCOMES } from '../types';
import {
  type Deciders,
  requireAllOf,
  requireCommunication,
  requireOneOf,
  requireRecorderOfHerDecision,
} from './context';

export function requireNotDeparted(s: OpenCaseState): void {
  if (s.departure) {
    throw new RuleViolation('R17', 'She has departed; the case is in follow-up after return.');
  }
}

export const pathwayDeciders: Deciders<
  | 'RecordPathwayChoice'
  | 'AgreeIntegrationPlan'
  | 'RecordMilestoneReached'
  | 'ApplyForResidencePermit'
  | 'RecordResidencePermitDecision'
  | 'RecordAsylumClaim'
> = {
  /**
   * R12: recorded only as her decision, at any time, including during reflection (R7 means no
   * one may demand it then, not that she may not say it). Nothing prepared is lost on a change.
   */
  RecordPathwayChoice: (s, c, ctx) => {
    requireRecorderOfHerDecision(ctx, 'R12');
    requireOneOf(c.pathway, PATHWAYS, 'R12', 'pathway');
    requireCommunication(c.communication, 'R12');
    requireNotDeparted(s);
    if (c.pathway === s.pathway) {
      throw new RuleViolation('R12', `Her recorded pathway is already ${c.pathway}.`);
    }
    return [
      {
        type: 'PathwayChosen',
        data: {
          pathway: c.pathway,
          previous: s.pathway,
          chosenAt: ctx.now,
          ...communicationRecord(c.communication),
        },
      },
    ];
  },

  /** R13: if she stays, an integration plan with milestones. */
  AgreeIntegrationPlan: (s, c, ctx) => {
    requireAllOf(c.milestones, MILESTONES, 'R13', 'milestones', { nonEmpty: true });
    if (s.pathway !== 'integration') {
      throw new RuleViolation('R13', 'An integration plan follows her choice to stay.');
    }
    return [
      { type: 'IntegrationPlanAgreed', data: { milestones: c.milestones, agreedAt: ctx.now } },
    ];
  },

  RecordMilestoneReached: (s, c, ctx) => {
    requireOneOf(c.milestone, MILESTONES, 'R13', 'milestone');
    if (!s.integrationPlan?.milestones.includes(c.milestone)) {
      throw new RuleViolation('R13', `The integration plan has no ${c.milestone} milestone.`);
    }
    if (s.milestonesReached[c.milestone]) {
      throw new RuleViolation('R13', `The ${c.milestone} milestone is already reached.`);
    }
    return [
      { type: 'IntegrationMilestoneReached', data: { milestone: c.milestone, reachedAt: ctx.now } },
    ];
  },

  /** R11: on the grounds the country's law offers; a renewal once granted. Asylum is untouched. */
  ApplyForResidencePermit: (s, c, ctx) => {
    requireOneOf(c.ground, PERMIT_GROUNDS, 'R11', 'ground');
    const law = s.policy.residencePermit;
    if (!law.available || !law.grounds.includes(c.ground)) {
      throw new RuleViolation(
        'R11',
        `The country policy offers no trafficking-specific permit on the ${c.ground} ground.`,
        'invalid',
      );
    }
    const p = s.permit;
    if (p?.status === 'applied' || (p?.status === 'granted' && p.renewalAppliedAt)) {
      throw new RuleViolation('R11', 'An application is already awaiting a decision.');
    }
    return [
      {
        type: 'ResidencePermitApplied',
        data: {
          ground: c.ground,
          renewal: p?.status === 'granted',
          appliedAt: ctx.now,
          ...(c.personal && { personal: c.personal }),
        },
      },
    ];
  },

  RecordResidencePermitDecision: (s, c, ctx) => {
    requireOneOf(c.outcome, PERMIT_OUTCOMES, 'R11', 'outcome');
    const p = s.permit;
    const pending = p?.status === 'applied' || (p?.status === 'granted' && !!p.renewalAppliedAt);
    if (!pending) throw new RuleViolation('R11', 'No permit application awaits a decision.');
    if (c.outcome === 'granted') {
      const valid = typeof c.expiresAt === 'string' && !Number.isNaN(Date.parse(c.expiresAt));
      if (!valid || !isAtOrAfter(c.expiresAt as string, ctx.now)) {
        throw new RuleViolation(
          'R11',
          'A granted permit needs expiresAt, an ISO timestamp after the decision.',
          'invalid',
        );
      }
    }
    return [
      {
        type: 'ResidencePermitDecided',
        data: {
          outcome: c.outcome,
          decidedAt: ctx.now,
          ...(c.outcome === 'granted' && {
            expiresAt: new Date(c.expiresAt as string).toISOString(),
          }),
          ...(c.personal && { personal: c.personal }),
        },
      },
    ];
  },

  /** R11: an asylum claim is always recordable, whatever any permit's state. */
  RecordAsylumClaim: (_s, c, ctx) => {
    requireOneOf(c.status, ASYLUM_STATUSES, 'R11', 'status');
    return [
      {
        type: 'AsylumClaimRecorded',
        data: {
          status: c.status,
          recordedAt: ctx.now,
          ...(c.personal && { personal: c.personal }),
        },
      },
    ];
  },
};
