import type { PersonalData } from '../personal';
import type { AsylumStatus, Milestone, Pathway, PermitGround, PermitOutcome } from '../types';

export interface PathwayChosen {
  readonly type: 'PathwayChosen';
  readonly data: {
    readonly occurredAt?: string;
    readonly pathway: Pathway;
    readonly previous: Pathway;
    readonly chosenAt: string;
    /** R12: recorded as her decision, with the interpreter noted and her language kept personal. */
    readonly interpreterUsed: boolean;
    readonly personal: PersonalData<'identity'>;
  };
}

export interface IntegrationPlanAgreed {
  readonly type: 'IntegrationPlanAgreed';
  readonly data: { readonly milestones: readonly Milestone[]; readonly agreedAt: string };
}

export interface IntegrationMilestoneReached {
  readonly type: 'IntegrationMilestoneReached';
  readonly data: {
    readonly occurredAt?: string;
    readonly milestone: Milestone;
    readonly reachedAt: string;
  };
}

export interface ResidencePermitApplied {
  readonly type: 'ResidencePermitApplied';
  readonly data: {
    readonly occurredAt?: string;
    readonly ground: PermitGround;
    /** True when it renews a granted permit (meets the R11 expiry deadline). */
    readonly renewal: boolean;
    readonly appliedAt: string;
    readonly personal?: PersonalData<'immigration'>;
  };
}

export interface ResidencePermitDecided {
  readonly type: 'ResidencePermitDecided';
  readonly data: {
    readonly occurredAt?: string;
    readonly outcome: PermitOutcome;
    readonly decidedAt: string;
    readonly expiresAt?: string;
    readonly personal?: PersonalData<'immigration'>;
  };
}

export interface AsylumClaimRecorded {
  readonly type: 'AsylumClaimRecorded';
  readonly data: {
    readonly occurredAt?: string;
    readonly status: AsylumStatus;
    readonly recordedAt: string;
    readonly personal?: PersonalData<'immigration'>;
  };
}

export type PathwayEvent =
  | PathwayChosen
  | IntegrationPlanAgreed
  | IntegrationMilestoneReached
  | ResidencePermitApplied
  | ResidencePermitDecided
  | AsylumClaimRecorded;
