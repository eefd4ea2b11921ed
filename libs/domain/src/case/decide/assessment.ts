import { RuleViolation } from '../../errors';
import { VICTIM_CONTEXT_VALUES, type VictimContext } from '../../htcds/facts';
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
    const victimContext = c.victimContext && checkedVictimContext(c.victimContext);
    return [
      {
        type: 'NeedsAssessed',
        data: {
          assessedAt: ctx.now,
          needs: c.needs,
          ...(c.personal && { personal: c.personal }),
          ...(victimContext && { victimContext }),
        },
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

/** HTCDS victim context: only its own value names, no field left empty (an empty list is absent). */
function checkedVictimContext(v: VictimContext): VictimContext | undefined {
  if (typeof v !== 'object' || v === null) {
    throw new RuleViolation('R6', 'victimContext must be an object.', 'invalid');
  }
  const out: Record<string, readonly string[]> = {};
  for (const [field, values] of Object.entries(v)) {
    const allowed = (VICTIM_CONTEXT_VALUES as Readonly<Record<string, readonly string[]>>)[field];
    if (!allowed) throw new RuleViolation('R6', `victimContext.${field} is not known.`, 'invalid');
    requireAllOf(values, allowed, 'R6', `victimContext.${field}`);
    if (values.length > 0) out[field] = [...new Set(values)];
  }
  return Object.keys(out).length > 0 ? (out as VictimContext) : undefined;
}
