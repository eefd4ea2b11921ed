import type { VictimContext } from '../../htcds/facts';
import type { Occurred } from '../occurred';
import type { Communication, DataCategory, PersonalData } from '../personal';
import type {
  DeparturePathway,
  NeedArea,
  ProtectionMeasure,
  ReferralPurpose,
  RightsTopic,
  RiskLevel,
  RiskScope,
  ServiceBasis,
  ServiceKind,
  UnavailabilityReason,
} from '../types';

/** R10: she was informed of her rights, in a language she understands. */
export interface RecordRightsInformation extends Occurred {
  readonly type: 'RecordRightsInformation';
  readonly topics: readonly RightsTopic[];
  readonly communication: Communication;
}

/** R19: a health check was offered to her (she may take it up by requesting health care). */
export interface RecordHealthCheckOffered extends Occurred {
  readonly type: 'RecordHealthCheckOffered';
}

/** R6: the needs her support plan must follow. A later assessment replaces the earlier one. */
export interface RecordNeedsAssessment extends Occurred {
  readonly type: 'RecordNeedsAssessment';
  readonly needs: readonly NeedArea[];
  readonly personal?: PersonalData<'health'>;
  /** HTCDS `vic_`: how she was recruited, controlled and exploited, when she says (P6: optional). */
  readonly victimContext?: VictimContext;
}

/** R9: a safety/retaliation risk assessment, at intake, on review, or before a departure. */
export interface RecordRiskAssessment extends Occurred {
  readonly type: 'RecordRiskAssessment';
  readonly scope: RiskScope;
  /** For scope 'departure': the pathway whose destination was assessed. */
  readonly pathway?: DeparturePathway;
  readonly level: RiskLevel;
  readonly protectionMeasures: readonly ProtectionMeasure[];
  /** For scope 'departure': whether the assessor finds the departure's risk acceptable (R14). */
  readonly acceptable?: boolean;
  readonly personal?: PersonalData<'contact-location' | 'return'>;
}

/** A service of her plan is requested (R4: health care in every phase; R2 immediate needs). */
export interface RequestService {
  readonly type: 'RequestService';
  readonly kind: ServiceKind;
  readonly basis: ServiceBasis;
  readonly personal?: PersonalData<'health'>;
}

/** Shelter and confidential-address placements carry the address as personal data (P3). */
export interface RecordServiceProvided extends Occurred {
  readonly type: 'RecordServiceProvided';
  readonly serviceId: string;
  readonly personal?: PersonalData<'contact-location' | 'health'>;
}

/** R5: she declines one service; nothing else changes. */
export interface RecordServiceDeclined extends Occurred {
  readonly type: 'RecordServiceDeclined';
  readonly serviceId: string;
  readonly communication: Communication;
}

export interface RecordServiceUnavailable {
  readonly type: 'RecordServiceUnavailable';
  readonly serviceId: string;
  readonly reason: UnavailabilityReason;
}

/** What she consents to (R5 per service; R14 her return; R18/P4 sharing per recipient and purpose). */
export type ConsentScope =
  | { readonly kind: 'service'; readonly service: ServiceKind }
  | { readonly kind: 'return' }
  | {
      readonly kind: 'data-sharing';
      readonly recipientOrganisationId: string;
      readonly purpose: ReferralPurpose;
      readonly categories: readonly DataCategory[];
    };

export interface GiveConsent extends Occurred {
  readonly type: 'GiveConsent';
  readonly scope: ConsentScope;
  readonly communication: Communication;
  /** P4: an ISO timestamp in the future; past it the consent is no longer current. */
  readonly expiresAt?: string;
}

/** Her consent is withdrawable at any time (R5, R15, P4). */
export interface WithdrawConsent extends Occurred {
  readonly type: 'WithdrawConsent';
  readonly consentId: string;
  readonly communication: Communication;
}

export type SupportCommand =
  | RecordRightsInformation
  | RecordHealthCheckOffered
  | RecordNeedsAssessment
  | RecordRiskAssessment
  | RequestService
  | RecordServiceProvided
  | RecordServiceDeclined
  | RecordServiceUnavailable
  | GiveConsent
  | WithdrawConsent;
