import type { Occurred } from '../occurred';
import type { Communication, PersonalData } from '../personal';
import type { AsylumStatus, Milestone, Pathway, PermitGround, PermitOutcome } from '../types';

/** R12: her pathway, recorded as her decision; changeable at any time. */
export interface RecordPathwayChoice extends Occurred {
  readonly type: 'RecordPathwayChoice';
  readonly pathway: Pathway;
  readonly communication: Communication;
}

/** R13: the milestones of her integration plan. */
export interface AgreeIntegrationPlan {
  readonly type: 'AgreeIntegrationPlan';
  readonly milestones: readonly Milestone[];
}

export interface RecordMilestoneReached extends Occurred {
  readonly type: 'RecordMilestoneReached';
  readonly milestone: Milestone;
}

/** R11: an application (or, after a grant, a renewal) for a trafficking-specific permit. */
export interface ApplyForResidencePermit extends Occurred {
  readonly type: 'ApplyForResidencePermit';
  readonly ground: PermitGround;
  readonly personal?: PersonalData<'immigration'>;
}

export interface RecordResidencePermitDecision extends Occurred {
  readonly type: 'RecordResidencePermitDecision';
  readonly outcome: PermitOutcome;
  /** Required when granted: the ISO timestamp the permit expires (drives the R11 reminder). */
  readonly expiresAt?: string;
  readonly personal?: PersonalData<'immigration'>;
}

/** R11: the asylum route stays open whatever happens to a permit, and the reverse. */
export interface RecordAsylumClaim extends Occurred {
  readonly type: 'RecordAsylumClaim';
  readonly status: AsylumStatus;
  readonly personal?: PersonalData<'immigration'>;
}

export type PathwayCommand =
  | RecordPathwayChoice
  | AgreeIntegrationPlan
  | RecordMilestoneReached
  | ApplyForResidencePermit
  | RecordResidencePermitDecision
  | RecordAsylumClaim;
