import type { CountryPolicy } from '../../policy/policy';
import type { PersonalData } from '../personal';
import type { CarriedOverFrom } from '../decide/context';
import type {
  ConclusiveOutcome,
  IdentificationDecider,
  IdentificationOutcome,
  ImmediateNeed,
  ReferralSource,
} from '../types';

export interface CaseOpened {
  readonly type: 'CaseOpened';
  readonly data: {
    readonly referralSource: ReferralSource;
    readonly country: CountryPolicy['country'];
    readonly organisationId: string;
    readonly assigneeId: string;
    readonly policy: CountryPolicy;
    readonly openedAt: string;
    /** Absent in cases opened before references existed (saved histories still replay). */
    readonly reference?: string;
    /** When she was referred, when earlier than the opening (R24–R26). */
    readonly occurredAt?: string;
    /** R26a: carried over from the organisation's previous records (the HTCDS import). */
    readonly carriedOver?: CarriedOverFrom;
  };
}

export interface PersonDetailsRecorded {
  readonly type: 'PersonDetailsRecorded';
  readonly data: {
    readonly recordedAt: string;
    readonly personal: PersonalData<'identity' | 'contact-location'>;
  };
}

export interface ImmediateNeedRecorded {
  readonly type: 'ImmediateNeedRecorded';
  readonly data: { readonly need: ImmediateNeed; readonly recordedAt: string };
}

export interface ImmediateNeedMet {
  readonly type: 'ImmediateNeedMet';
  readonly data: {
    readonly occurredAt?: string;
    readonly need: ImmediateNeed;
    readonly metAt: string;
  };
}

export interface IdentificationDecided {
  readonly type: 'IdentificationDecided';
  readonly data: {
    readonly outcome: IdentificationOutcome;
    /** R27: absent in decisions recorded before who decided was recorded. */
    readonly decidedBy?: IdentificationDecider;
    readonly decidedAt: string;
    readonly occurredAt?: string;
  };
}

/** R28: the conclusive decision after a positive reasonable-grounds decision. */
export interface ConclusiveIdentificationDecided {
  readonly type: 'ConclusiveIdentificationDecided';
  readonly data: {
    readonly outcome: ConclusiveOutcome;
    readonly decidedBy: IdentificationDecider;
    readonly decidedAt: string;
    readonly occurredAt?: string;
  };
}

export type IntakeEvent =
  | CaseOpened
  | PersonDetailsRecorded
  | ImmediateNeedRecorded
  | ImmediateNeedMet
  | IdentificationDecided
  | ConclusiveIdentificationDecided;
