import { RuleViolation } from '../../errors';
import { addDuration } from '../../policy/duration';
import { policyProblems } from '../../policy/policy';
import type { LinkedReferral, OpenCase } from '../commands';
import type { CaseEvent } from '../events';
import { checkedOccurredAt } from '../occurred';
import { isCaseReference } from '../reference';
import type { CaseState } from '../state';
import { categoriesIn, DATA_CATEGORIES } from '../personal';
import {
  CONCLUSIVE_OUTCOMES,
  IDENTIFICATION_DECIDERS,
  type IdentificationDecider,
  IDENTIFICATION_OUTCOMES,
  IMMEDIATE_NEEDS,
  REFERRAL_PURPOSES,
  REFERRAL_SOURCES,
} from '../types';
import {
  type DecisionContext,
  type Deciders,
  requireAllOf,
  requireOneOf,
  requireOpaqueId,
} from './context';

/** R27: who decided is recorded with every new identification decision. */
function decidedByOf(value: unknown, ctx: DecisionContext): IdentificationDecider | undefined {
  if (value === undefined && ctx.legacy?.decidedByOptional) return undefined;
  requireOneOf(value, IDENTIFICATION_DECIDERS, 'R27', 'decidedBy');
  return value;
}

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
  // R24, R26: when she was referred, if earlier than now (R25 compares later facts with it).
  const carriedOver = ctx.carriedOver ? { carriedOver: ctx.carriedOver } : {};
  const occurredAt = checkedOccurredAt(c, ctx.now, undefined, c.policy, carriedOver);
  const received = c.linkedReferral ? [referralReceived(c.linkedReferral, ctx)] : [];
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
        ...(occurredAt !== undefined && { occurredAt }),
        // R26a: the case was carried over from the organisation's previous records.
        ...(ctx.carriedOver !== undefined && { carriedOver: ctx.carriedOver }),
      },
    },
    ...received,
  ];
}

/** R18: the receiver's linked case starts with what the referral carried, and nothing else. */
function referralReceived(r: LinkedReferral, ctx: DecisionContext): CaseEvent {
  requireOpaqueId(r.sourceCaseId, 'R18', 'linkedReferral.sourceCaseId');
  requireOpaqueId(r.sourceOrganisationId, 'R18', 'linkedReferral.sourceOrganisationId');
  requireOpaqueId(r.referralId, 'R18', 'linkedReferral.referralId');
  requireOneOf(r.purpose, REFERRAL_PURPOSES, 'R18', 'linkedReferral.purpose');
  requireAllOf(r.categories, DATA_CATEGORIES, 'R18', 'linkedReferral.categories');
  const undeclared = categoriesIn(r.personal).filter((k) => !r.categories.includes(k));
  if (undeclared.length > 0) {
    throw new RuleViolation(
      'R18',
      `The referral carries categories it does not list: ${undeclared.join(', ')}.`,
      'invalid',
    );
  }
  return {
    type: 'ReferralReceived',
    data: {
      sourceCaseId: r.sourceCaseId,
      ...(r.sourceReference !== undefined && { sourceReference: r.sourceReference }),
      sourceOrganisationId: r.sourceOrganisationId,
      referralId: r.referralId,
      purpose: r.purpose,
      categories: r.categories,
      receivedAt: ctx.now,
      personal: r.personal,
    },
  };
}

export const intakeDeciders: Deciders<
  | 'RecordPersonDetails'
  | 'RecordImmediateNeed'
  | 'RecordImmediateNeedMet'
  | 'RecordIdentification'
  | 'RecordConclusiveIdentification'
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
    const decidedBy = decidedByOf(c.decidedBy, ctx);
    if (s.identification?.outcome === 'reasonable-grounds') {
      throw new RuleViolation(
        'R1',
        'A reasonable-grounds decision has already been recorded; it is not decided again.',
      );
    }
    const decided: CaseEvent = {
      type: 'IdentificationDecided',
      data: {
        outcome: c.outcome,
        ...(decidedBy !== undefined && { decidedBy }),
        decidedAt: ctx.now,
      },
    };
    if (c.outcome !== 'reasonable-grounds') return [decided];
    // R7 from when the decision was taken (issue 10): a decision entered late ends reflection
    // no later than one entered on the day.
    const startedAt = ctx.occurredAt ?? ctx.now;
    return [
      decided,
      {
        type: 'ReflectionPeriodStarted',
        data: {
          startedAt: ctx.now,
          endsAt: addDuration(startedAt, s.policy.reflection.period),
          period: s.policy.reflection.period,
          policyVersion: s.policy.version,
        },
      },
    ];
  },

  /**
   * R28: the conclusive decision comes only after a positive reasonable-grounds decision. A
   * positive one is final; a negative one may be reconsidered, and by itself ends nothing: the
   * reflection period runs its course (R7), her services and her pathway choice stay as they
   * are (R3, R12), and the case stays open until someone closes it with a reason (R23).
   */
  RecordConclusiveIdentification: (s, c, ctx) => {
    requireOneOf(c.outcome, CONCLUSIVE_OUTCOMES, 'R28', 'outcome');
    const decidedBy = decidedByOf(c.decidedBy, { now: ctx.now });
    if (s.identification?.outcome !== 'reasonable-grounds') {
      throw new RuleViolation(
        'R28',
        'A conclusive decision follows a positive reasonable-grounds decision; none is recorded.',
      );
    }
    if (
      ctx.occurredAt !== undefined &&
      // Reasonable grounds took effect when reflection started (R7: at once).
      Date.parse(ctx.occurredAt) < Date.parse(s.reflection?.startedAt ?? s.identification.decidedAt)
    ) {
      throw new RuleViolation(
        'R28',
        'The conclusive decision cannot precede the reasonable-grounds decision.',
        'invalid',
      );
    }
    if (s.conclusiveIdentification?.outcome === 'positive') {
      throw new RuleViolation(
        'R28',
        'A positive conclusive decision has already been recorded; it is not decided again.',
      );
    }
    return [
      {
        type: 'ConclusiveIdentificationDecided',
        data: {
          outcome: c.outcome,
          decidedBy: decidedBy as IdentificationDecider,
          decidedAt: ctx.now,
        },
      },
    ];
  },
};
