import type { DataCategory, PersonalData } from '../personal';
import type { ClosureReason, LegalStep, ReassignmentReason, ReopeningReason } from '../types';

export interface LegalStepRecorded {
  readonly type: 'LegalStepRecorded';
  readonly data: {
    readonly occurredAt?: string;
    readonly step: LegalStep;
    readonly recordedAt: string;
    readonly personal?: PersonalData<'legal'>;
  };
}

export interface CaseReassigned {
  readonly type: 'CaseReassigned';
  readonly data: {
    readonly previousAssigneeId: string;
    readonly assigneeId: string;
    readonly reason: ReassignmentReason;
    /** R22: the supervisor who reassigned. */
    readonly decidedBy: string;
    readonly reassignedAt: string;
  };
}

export interface CaseClosed {
  readonly type: 'CaseClosed';
  readonly data: {
    readonly reason: ClosureReason;
    readonly closedAt: string;
    /** R23: when her personal data is to be erased (policy.retentionAfterClosure). */
    readonly erasureDueAt: string;
  };
}

export interface CaseReopened {
  readonly type: 'CaseReopened';
  readonly data: { readonly reason: ReopeningReason; readonly reopenedAt: string };
}

/**
 * R23, P7: from here on her personal data is gone (issue 4 destroys the case's key). Every field
 * outside `personal` stays: the anonymised facts that statistics are made of.
 */
export interface PersonalDataErased {
  readonly type: 'PersonalDataErased';
  readonly data: {
    readonly erasedAt: string;
    readonly categories: readonly DataCategory[];
    /** Why: the retention timer (R23), or her request (P7, GDPR 17). Absent means 'retention'. */
    readonly reason?: ErasureReason;
    /** Her request only: the supervisor who decided it. */
    readonly erasedBy?: string;
    /** Her request only: whether an interpreter was used. */
    readonly interpreterUsed?: boolean;
    /** Her request only: the language she used (sealed, then erased with the rest). */
    readonly personal?: PersonalData<'identity'>;
  };
}

/** A case note (AddNote); its text is personal data, sealed and erased with the rest (P7). */
export interface NoteAdded {
  readonly type: 'NoteAdded';
  readonly data: {
    readonly addedAt: string;
    readonly personal: PersonalData<'notes'>;
  };
}

export type ErasureReason = 'retention' | 'her-request';

export type ManagementEvent =
  LegalStepRecorded | CaseReassigned | CaseClosed | CaseReopened | PersonalDataErased | NoteAdded;
