import { omit } from '../omit';
import type { ServiceRecord } from '../state';
import type { Evolvers } from './types';

function updateService(
  services: readonly ServiceRecord[],
  serviceId: string,
  change: Pick<ServiceRecord, 'status' | 'updatedAt'>,
): ServiceRecord[] {
  // R5: only the named service changes; every other service stays exactly as it was.
  return services.map((x) => (x.serviceId === serviceId ? { ...x, ...change } : x));
}

export const supportEvolvers: Evolvers<
  | 'RightsInformationGiven'
  | 'HealthCheckOffered'
  | 'NeedsAssessed'
  | 'RiskAssessed'
  | 'ServiceRequested'
  | 'ServiceProvided'
  | 'ServiceDeclined'
  | 'ServiceUnavailable'
  | 'ConsentGiven'
  | 'ConsentWithdrawn'
> = {
  RightsInformationGiven: (s, e) => ({
    ...s,
    rightsInformedAt: s.rightsInformedAt ?? e.data.givenAt,
  }),
  HealthCheckOffered: (s, e) => ({
    ...s,
    healthCheckOfferedAt: s.healthCheckOfferedAt ?? e.data.offeredAt,
  }),
  NeedsAssessed: (s, e) => ({
    ...s,
    needsAssessment: {
      needs: e.data.needs,
      assessedAt: e.data.assessedAt,
      firstAssessedAt: s.needsAssessment?.firstAssessedAt ?? e.data.assessedAt,
    },
  }),
  RiskAssessed: (s, e) => ({
    ...s,
    riskAssessments: [...s.riskAssessments, omit(e.data, 'personal')],
  }),
  ServiceRequested: (s, e) => ({
    ...s,
    services: [
      ...s.services,
      {
        serviceId: e.data.serviceId,
        kind: e.data.kind,
        basis: e.data.basis,
        status: 'requested',
        requestedAt: e.data.requestedAt,
        updatedAt: e.data.requestedAt,
      },
    ],
  }),
  ServiceProvided: (s, e) => ({
    ...s,
    services: updateService(s.services, e.data.serviceId, {
      status: 'provided',
      updatedAt: e.data.providedAt,
    }),
  }),
  ServiceDeclined: (s, e) => ({
    ...s,
    services: updateService(s.services, e.data.serviceId, {
      status: 'declined',
      updatedAt: e.data.declinedAt,
    }),
  }),
  ServiceUnavailable: (s, e) => ({
    ...s,
    services: updateService(s.services, e.data.serviceId, {
      status: 'unavailable',
      updatedAt: e.data.recordedAt,
    }),
  }),
  ConsentGiven: (s, e, seq) => ({
    ...s,
    consents: [
      ...s.consents,
      {
        consentId: e.data.consentId,
        scope: e.data.scope,
        givenAt: e.data.givenAt,
        seq,
        ...(e.data.expiresAt !== undefined && { expiresAt: e.data.expiresAt }),
      },
    ],
  }),
  ConsentWithdrawn: (s, e) => ({
    ...s,
    consents: s.consents.map((c) =>
      c.consentId === e.data.consentId ? { ...c, withdrawnAt: e.data.withdrawnAt } : c,
    ),
  }),
};
