import { RuleViolation } from '../../errors';
import { isConsentCurrent } from '../consents';
import { communicationRecord } from '../personal';
import type { OpenCaseState, ServiceRecord } from '../state';
import { SERVICE_BASES, SERVICE_KINDS, type ServiceKind, UNAVAILABILITY_REASONS } from '../types';
import {
  type Deciders,
  nextId,
  requireCommunication,
  requireOneOf,
  requireRecorderOfHerDecision,
} from './context';

function service(s: OpenCaseState, serviceId: string): ServiceRecord {
  const found = s.services.find((x) => x.serviceId === serviceId);
  if (!found) throw new RuleViolation('R6', 'serviceId names no service of this case.', 'invalid');
  return found;
}

/** R5: she has consented to this kind of service, not withdrawn it, and it has not expired. */
export function hasServiceConsent(s: OpenCaseState, kind: ServiceKind, now: string): boolean {
  return s.consents.some(
    (c) => c.scope.kind === 'service' && c.scope.service === kind && isConsentCurrent(c, now),
  );
}

/*
 * R3 and R4 by construction: nothing below reads identification, pathway, permit, reflection
 * or the legal track. A service depends only on her needs, her consent and the service itself.
 */
export const serviceDeciders: Deciders<
  'RequestService' | 'RecordServiceProvided' | 'RecordServiceDeclined' | 'RecordServiceUnavailable'
> = {
  RequestService: (s, c, ctx) => {
    requireOneOf(c.kind, SERVICE_KINDS, 'R6', 'kind');
    requireOneOf(c.basis, SERVICE_BASES, 'R6', 'basis');
    // R4 before R6: health care is accepted whatever the plan says. R2: immediate needs need no plan.
    if (c.kind !== 'health-care' && c.basis === 'plan') {
      const needs = s.needsAssessment?.needs;
      if (!needs?.includes(c.kind)) {
        throw new RuleViolation(
          'R6',
          `A planned ${c.kind} service follows an assessed need; the needs assessment does not include it.`,
        );
      }
    }
    return [
      {
        type: 'ServiceRequested',
        data: {
          serviceId: nextId('service', s.services.length),
          kind: c.kind,
          basis: c.basis,
          requestedAt: ctx.now,
          ...(c.personal && { personal: c.personal }),
        },
      },
    ];
  },

  RecordServiceProvided: (s, c, ctx) => {
    const x = service(s, c.serviceId);
    if (x.status !== 'requested' && x.status !== 'unavailable') {
      throw new RuleViolation(
        'R6',
        `The service is ${x.status}; only a requested one is provided.`,
      );
    }
    if (!hasServiceConsent(s, x.kind, ctx.now)) {
      throw new RuleViolation('R5', `No current consent of hers to the ${x.kind} service.`);
    }
    return [
      {
        type: 'ServiceProvided',
        data: {
          serviceId: x.serviceId,
          kind: x.kind,
          providedAt: ctx.now,
          ...(c.personal && { personal: c.personal }),
        },
      },
    ];
  },

  /** R5: she may decline any service, at any time; only this one changes. */
  RecordServiceDeclined: (s, c, ctx) => {
    requireRecorderOfHerDecision(ctx, 'R5');
    requireCommunication(c.communication, 'R5');
    const x = service(s, c.serviceId);
    if (x.status === 'declined') {
      throw new RuleViolation('R5', 'She has already declined this service.');
    }
    return [
      {
        type: 'ServiceDeclined',
        data: {
          serviceId: x.serviceId,
          kind: x.kind,
          declinedAt: ctx.now,
          ...communicationRecord(c.communication),
        },
      },
    ];
  },

  RecordServiceUnavailable: (s, c, ctx) => {
    requireOneOf(c.reason, UNAVAILABILITY_REASONS, 'R6', 'reason');
    const x = service(s, c.serviceId);
    if (x.status !== 'requested') {
      throw new RuleViolation('R6', `The service is ${x.status}, not awaiting provision.`);
    }
    return [
      {
        type: 'ServiceUnavailable',
        data: { serviceId: x.serviceId, kind: x.kind, reason: c.reason, recordedAt: ctx.now },
      },
    ];
  },
};
