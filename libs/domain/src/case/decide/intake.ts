import { RuleViolation } from '../../errors';
import { addDuration } from '../../policy/duration';
import { policyProblems } from '../../policy/policy';
import type { OpenCase } from '../commands';
import type { CaseEvent } from '../events';
import { isCaseReference } from '../reference';
import type { CaseState } from '../state';
import { IDENTIFICATION_OUTCOMES, IMMEDIATE_NEEDS, REFERRAL_SOURCES } from '../types';
import { type DecisionContext, type Deciders, requireOneOf, requireOpaqueId } from './context';

/** P6: a case opens with no personal data at all. R22: it has its caseworker from the start. */
export function openCase(state: CaseState, c: OpenCase, ctx: DecisionContext): CaseEvent[] {
  if (state.status !== 'none') {
    throw new RuleViolation('R22', 'The case is already open.');
  }
  requireOneOf(c.referralSource, REFERRAL_SOURCES, 'R2', 'referralSource');
  requireOpaqueId(c.organisationId, 'R22', 'organisationId');
  requireOpaqueId(c.assigneeId, 'R22', 'assigneeId');
  if (c.reference !== undefined && !isCaseReference(c.reference)) {
    throw new RuleViolation('R22', 'The case reference is not well formed.', 'invalid');
  }
  const problems = policyProblems(c.policy);
  if (problems.length > 0) {
    throw new RuleViolation(
      'R19',
      `Country policy is not valid: ${problems.join('; ')}`,
      'invalid',
    );
  }
  return [
    {
      type: 'CaseOpened',
      data: {
        referralSource: c.referralSource,
        country: c.policy.country,
        organisationId: c.organisationId,
        assigneeId: c.assigneeId,
        policy: c.policy,
        openedAt: ctx.now,
        ...(c.reference !== undefined && { reference: c.reference }),
      },
    },
  ];
}

export const intakeDeciders: Deciders<
  'RecordPersonDetails' | 'RecordImmediateNeed' | 'RecordImmediateNeedMet' | 'RecordIdentification'
> = {
  RecordPersonDetails: (_s, c, ctx) => [
    { type: 'PersonDetailsRecorded', data: { recordedAt: ctx.now, personal: c.personal } },
  ],

  /** R2: from the first minute, before any identification decision. */
  RecordImmediateNeed: (s, c, ctx) => {
    requireOneOf(c.need, IMMEDIATE_NEEDS, 'R2', 'need');
    if (s.immediateNeeds.some((n) => n.need === c.need && !n.metAt)) {
      throw new RuleViolation('R2', `The immediate need ${c.need} is already recorded and open.`);
    }
    return [{ type: 'ImmediateNeedRecorded', data: { need: c.need, recordedAt: ctx.now } }];
  },

  RecordImmediateNeedMet: (s, c, ctx) => {
    requireOneOf(c.need, IMMEDIATE_NEEDS, 'R2', 'need');
    if (!s.immediateNeeds.some((n) => n.need === c.need && !n.metAt)) {
      throw new RuleViolation('R2', `There is no open immediate need ${c.need} to meet.`);
    }
    return [{ type: 'ImmediateNeedMet', data: { need: c.need, metAt: ctx.now } }];
  },

  /** R1: a positive decision starts assistance and the reflection period at once (R7). */
  RecordIdentification: (s, c, ctx) => {
    requireOneOf(c.outcome, IDENTIFICATION_OUTCOMES, 'R1', 'outcome');
    if (s.identification?.outcome === 'reasonable-grounds') {
      throw new RuleViolation(
        'R1',
        'A reasonable-grounds decision has already been recorded; it is not decided again.',
      );
    }
    const decided: CaseEvent = {
      type: 'IdentificationDecided',
      data: { outcome: c.outcome, decidedAt: ctx.now },
    };
    if (c.outcome !== 'reasonable-grounds') return [decided];
    return [
      decided,
      {
        type: 'ReflectionPeriodStarted',
        data: {
          startedAt: ctx.now,
          endsAt: addDuration(ctx.now, s.policy.reflection.period),
          period: s.policy.reflection.period,
          policyVersion: s.policy.version,
        },
      },
    ];
  },
};
