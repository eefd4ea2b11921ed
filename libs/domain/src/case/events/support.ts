import type { ConsentScope } from '../commands/support';
import type { VictimContext } from '../../htcds/facts';
import type { PersonalData } from '../personal';
import type {
  DeparturePathway,
  NeedArea,
  ProtectionMeasure,
  RightsTopic,
  RiskLevel,
  RiskScope,
  ServiceBasis,
  ServiceKind,
  UnavailabilityReason,
} from '../types';

/** Her decisions and the information she received keep the language as personal data. */
interface HerCommunication {
  readonly interpreterUsed: boolean;
  readonly personal: PersonalData<'identity'>;
}

export interface RightsInformationGiven {
  readonly type: 'RightsInformationGiven';
  readonly data: { readonly occurredAt?: string } & HerCommunication & {
      readonly givenAt: string;
      readonly topics: readonly RightsTopic[];
    };
}

export interface HealthCheckOffered {
  readonly type: 'HealthCheckOffered';
  readonly data: { readonly occurredAt?: string; readonly offeredAt: string };
}

export interface NeedsAssessed {
  readonly type: 'NeedsAssessed';
  readonly data: {
    readonly occurredAt?: string;
    readonly assessedAt: string;
    readonly needs: readonly NeedArea[];
    readonly personal?: PersonalData<'health'>;
    /** HTCDS victim context: enum facts (value names), absent in older events. */
    readonly victimContext?: VictimContext;
  };
}

export interface RiskAssessed {
  readonly type: 'RiskAssessed';
  readonly data: {
    readonly occurredAt?: string;
    readonly assessedAt: string;
    readonly scope: RiskScope;
    readonly pathway?: DeparturePathway;
    readonly level: RiskLevel;
    readonly protectionMeasures: readonly ProtectionMeasure[];
    readonly acceptable?: boolean;
    readonly personal?: PersonalData<'contact-location' | 'return'>;
  };
}

export interface ServiceRequested {
  readonly type: 'ServiceRequested';
  readonly data: {
    readonly serviceId: string;
    readonly kind: ServiceKind;
    readonly basis: ServiceBasis;
    readonly requestedAt: string;
    readonly personal?: PersonalData<'health'>;
  };
}

export interface ServiceProvided {
  readonly type: 'ServiceProvided';
  readonly data: {
    readonly occurredAt?: string;
    readonly serviceId: string;
    readonly kind: ServiceKind;
    readonly providedAt: string;
    readonly personal?: PersonalData<'contact-location' | 'health'>;
  };
}

export interface ServiceDeclined {
  readonly type: 'ServiceDeclined';
  readonly data: { readonly occurredAt?: string } & HerCommunication & {
      readonly serviceId: string;
      readonly kind: ServiceKind;
      readonly declinedAt: string;
    };
}

export interface ServiceUnavailable {
  readonly type: 'ServiceUnavailable';
  readonly data: {
    readonly serviceId: string;
    readonly kind: ServiceKind;
    readonly reason: UnavailabilityReason;
    readonly recordedAt: string;
  };
}

export interface ConsentGiven {
  readonly type: 'ConsentGiven';
  readonly data: { readonly occurredAt?: string } & HerCommunication & {
      readonly consentId: string;
      readonly scope: ConsentScope;
      readonly givenAt: string;
      /** P4: absent in consents without an expiry (and in every event before it existed). */
      readonly expiresAt?: string;
    };
}

export interface ConsentWithdrawn {
  readonly type: 'ConsentWithdrawn';
  readonly data: { readonly occurredAt?: string } & HerCommunication & {
      readonly consentId: string;
      readonly scope: ConsentScope;
      readonly withdrawnAt: string;
    };
}

export type SupportEvent =
  | RightsInformationGiven
  | HealthCheckOffered
  | NeedsAssessed
  | RiskAssessed
  | ServiceRequested
  | ServiceProvided
  | ServiceDeclined
  | ServiceUnavailable
  | ConsentGiven
  | ConsentWithdrawn;
