import type { Occurred } from '../occurred';
import type { Communication, PersonalData } from '../personal';
import type { ClosureReason, LegalStep, ReassignmentReason, ReopeningReason } from '../types';

/** The legal-proceedings track: recorded beside the journey, a condition for nothing (R3). */
export interface RecordLegalStep extends Occurred {
  readonly type: 'RecordLegalStep';
  readonly step: LegalStep;
  readonly personal?: PersonalData<'legal'>;
}

/** R22: a supervisor of the case's organisation hands the case to another caseworker. */
export interface ReassignCase {
  readonly type: 'ReassignCase';
  readonly assigneeId: string;
  readonly reason: ReassignmentReason;
}

/** R23: closure needs a reason. */
export interface CloseCase {
  readonly type: 'CloseCase';
  readonly reason: ClosureReason;
}

export interface ReopenCase {
  readonly type: 'ReopenCase';
  readonly reason: ReopeningReason;
}

/**
 * P7, GDPR 17: she asks that her personal data be erased before retention ends. A supervisor of
 * the case's organisation decides, on a closed case (R23).
 */
export interface EraseOnRequest {
  readonly type: 'EraseOnRequest';
  readonly communication: Communication;
}

/** A case note: recorded beside the journey, about her, so sealed as personal data (P2, P7). */
export interface AddNote {
  readonly type: 'AddNote';
  readonly personal: PersonalData<'notes'>;
}

export type ManagementCommand =
  RecordLegalStep | ReassignCase | CloseCase | ReopenCase | EraseOnRequest | AddNote;
