import { RuleViolation } from '../../errors';
import { communicationRecord } from '../personal';
import {
  DEPARTURE_PATHWAYS,
  NEED_AREAS,
  PROTECTION_MEASURES,
  RIGHTS_TOPICS,
  RISK_LEVELS,
  RISK_SCOPES,
} from '../types';
import { type Deciders, requireAllOf, requireCommunication, requireOneOf } from './context';

export const assessmentDeciders: Deciders<
  | 'RecordRightsInformation'
  | 'RecordHealthCheckOffered'
  | 'RecordNeedsAssessment'
  | 'RecordRiskAssessment'
> = {
  /** R10: information on her rights, in a language she understands. */
  RecordRightsInformation: (_s, c, ctx) => {
    requireAllOf(c.topics, RIGHTS_TOPICS, 'R10', 'topics', { nonEmpty: true });
    requireCommunication(c.communication, 'R10');
    return [
      {
        type: 'RightsInformationGiven',
        data: { givenAt: ctx.now, topics: c.topics, ...communicationRecord(c.communication) },
      },
    ];
  },

  RecordHealthCheckOffered: (_s, _c, ctx) => [
    { type: 'HealthCheckOffered', data: { offeredAt: ctx.now } },
  ],

  /** R6: the needs her plan follows; a new assessment replaces the previous one. */
  RecordNeedsAssessment: (_s, c, ctx) => {
    requireAllOf(c.needs, NEED_AREAS, 'R6', 'needs');
    return [
      {
        type: 'NeedsAssessed',
        data: { assessedAt: ctx.now, needs: c.needs, ...(c.personal && { personal: c.personal }) },
      },
    ];
  },

  /** R9: at intake, on review and before any move; protection measures go with a high risk. */
  RecordRiskAssessment: (_s, c, ctx) => {
    requireOneOf(c.scope, RISK_SCOPES, 'R9', 'scope');
    requireOneOf(c.level, RISK_LEVELS, 'R9', 'level');
    requireAllOf(c.protectionMeasures, PROTECTION_MEASURES, 'R9', 'protectionMeasures');
    if (c.scope === 'departure') {
      requireOneOf(c.pathway, DEPARTURE_PATHWAYS, 'R9', 'pathway');
      if (typeof c.acceptable !== 'boolean') {
        throw new RuleViolation(
          'R9',
          'A departure risk assessment states whether the risk is acceptable.',
          'invalid',
        );
      }
    }
    if (c.level === 'high' && c.protectionMeasures.length === 0) {
      throw new RuleViolation('R9', 'A high risk needs protection measures.', 'invalid');
    }
    return [
      {
        type: 'RiskAssessed',
        data: {
          assessedAt: ctx.now,
          scope: c.scope,
          ...(c.scope === 'departure' && { pathway: c.pathway, acceptable: c.acceptable }),
          level: c.level,
          protectionMeasures: c.protectionMeasures,
          ...(c.personal && { personal: c.personal }),
        },
      },
    ];
  },
};
