import { RuleViolation } from '../../errors';
import { stateOf } from '../../../../../test/support/decider-spec';
import {
  CASEWORKER,
  COORDINATOR,
  OTHER_SUPERVISOR,
  opened,
  SUPERVISOR,
} from '../../../../../test/support/fixtures';
import type { OpenCaseState } from '../state';
import type { Actor } from '../types';
import {
  nextId,
  requireAllOf,
  requireCommunication,
  requireOneOf,
  requireOpaqueId,
  requireRecorderOfHerDecision,
  requireSupervisor,
  requireSystem,
} from './context';

/**
 * The guards every decider shares (decide/context.ts): who may issue a command (R8, R22, her
 * decisions, the timer) and the run-time checks of input that arrives as JSON. Each refusal is a
 * RuleViolation with the caller's rule id, the right kind (the API's 403 or 422) and a message
 * that names the field, never the value.
 */
const NOW = '2026-01-10T09:00:00.000Z';
const open = stateOf([opened()]) as OpenCaseState;
const SYSTEM: Actor = { userId: 'system', organisationId: 'system', role: 'system' };
const ADMIN: Actor = { userId: 'ad-1', organisationId: 'se-ngo-1', role: 'admin' };

function violation(run: () => unknown): RuleViolation {
  try {
    run();
  } catch (e) {
    if (e instanceof RuleViolation) return e;
    throw e;
  }
  throw new Error('expected a RuleViolation');
}

describe('requireSupervisor (R8, R22)', () => {
  it('returns the supervisor of the case’s own organisation', () => {
    expect(requireSupervisor(open, { now: NOW, actor: SUPERVISOR }, 'R22', 'Reassignment')).toBe(
      SUPERVISOR,
    );
  });

  it.each([
    ['no actor', undefined],
    ['a caseworker of the organisation', CASEWORKER],
    ['a supervisor of another organisation', OTHER_SUPERVISOR],
  ])('refuses %s, as forbidden, naming what is decided', (_, actor) => {
    const e = violation(() =>
      requireSupervisor(open, { now: NOW, ...(actor && { actor }) }, 'R8', 'An early end'),
    );
    expect(e).toMatchObject({ rule: 'R8', kind: 'forbidden' });
    expect(e.message).toBe("An early end is decided by a supervisor of the case's organisation.");
  });
});

describe('requireSystem (R20, R21)', () => {
  it('accepts the timer and a command without an actor', () => {
    expect(() => requireSystem({ now: NOW, actor: SYSTEM }, 'R20')).not.toThrow();
    expect(() => requireSystem({ now: NOW }, 'R20')).not.toThrow();
  });

  it('refuses a person, as forbidden', () => {
    const e = violation(() => requireSystem({ now: NOW, actor: SUPERVISOR }, 'R21'));
    expect(e).toMatchObject({ rule: 'R21', kind: 'forbidden' });
    expect(e.message).toBe('This command is issued by the case timer only.');
  });
});

describe('requireRecorderOfHerDecision (R12)', () => {
  it('accepts caseworkers, supervisors and a command without an actor', () => {
    for (const actor of [CASEWORKER, SUPERVISOR]) {
      expect(() => requireRecorderOfHerDecision({ now: NOW, actor }, 'R12')).not.toThrow();
    }
    expect(() => requireRecorderOfHerDecision({ now: NOW }, 'R12')).not.toThrow();
  });

  it.each([SYSTEM, ADMIN, COORDINATOR])('refuses the $role role, as forbidden', (actor) => {
    const e = violation(() => requireRecorderOfHerDecision({ now: NOW, actor }, 'R15'));
    expect(e).toMatchObject({ rule: 'R15', kind: 'forbidden' });
    expect(e.message).toBe('Her decisions are recorded by a caseworker or a supervisor.');
  });
});

describe('requireCommunication', () => {
  it('accepts a BCP 47 language and whether an interpreter was used', () => {
    expect(() =>
      requireCommunication({ language: 'ro', interpreterUsed: false }, 'R12'),
    ).not.toThrow();
  });

  it.each([
    ['missing', undefined],
    ['a language that is no BCP 47 code', { language: 'Romanian!', interpreterUsed: true }],
    ['no interpreter flag', { language: 'ro' }],
    ['an interpreter flag that is not a boolean', { language: 'ro', interpreterUsed: 'yes' }],
  ])('refuses %s, as invalid, naming both fields', (_, c) => {
    const e = violation(() => requireCommunication(c as never, 'R15'));
    expect(e).toMatchObject({ rule: 'R15', kind: 'invalid' });
    expect(e.message).toBe(
      'Her decision needs communication.language (a BCP 47 code) and communication.interpreterUsed.',
    );
  });
});

describe('requireOneOf', () => {
  const ALLOWED = ['integration', 'return'] as const;

  it('accepts a listed value', () => {
    expect(() => requireOneOf('return', ALLOWED, 'R12', 'pathway')).not.toThrow();
  });

  it.each([['third-country'], [''], [undefined], [null], [1], [['return']]])(
    'refuses %p, as invalid, naming the field and the allowed values',
    (value) => {
      const e = violation(() => requireOneOf(value, ALLOWED, 'R12', 'pathway'));
      expect(e).toMatchObject({ rule: 'R12', kind: 'invalid' });
      expect(e.message).toBe('pathway must be one of: integration, return.');
    },
  );
});

describe('requireAllOf', () => {
  const ALLOWED = ['identity', 'health'] as const;

  it('accepts a list of listed values, empty unless asked otherwise', () => {
    expect(() => requireAllOf(['health', 'identity'], ALLOWED, 'R18', 'categories')).not.toThrow();
    expect(() => requireAllOf([], ALLOWED, 'R18', 'categories')).not.toThrow();
    expect(() =>
      requireAllOf(['health'], ALLOWED, 'R18', 'categories', { nonEmpty: true }),
    ).not.toThrow();
  });

  it('refuses a list with one unlisted value, or no list at all', () => {
    for (const values of [['health', 'travel'], 'health', undefined, { 0: 'health' }]) {
      const e = violation(() => requireAllOf(values, ALLOWED, 'R18', 'categories'));
      expect(e).toMatchObject({ rule: 'R18', kind: 'invalid' });
      expect(e.message).toBe('categories must be a list of: identity, health.');
    }
  });

  it('refuses an empty list when it must not be empty, and says so', () => {
    const e = violation(() => requireAllOf([], ALLOWED, 'R18', 'categories', { nonEmpty: true }));
    expect(e).toMatchObject({ rule: 'R18', kind: 'invalid' });
    expect(e.message).toBe('categories must be a non-empty list of: identity, health.');
  });
});

describe('requireOpaqueId (P1)', () => {
  it.each(['ro-ngo-1', 'A', 'x_9', 'a'.repeat(64), '7d1e0c8a-2b3f-4c5d-8e9f-0a1b2c3d4e5f'])(
    'accepts %s',
    (id) => {
      expect(() => requireOpaqueId(id, 'R18', 'recipientOrganisationId')).not.toThrow();
    },
  );

  it.each([
    ['an empty string', ''],
    ['a leading dash', '-ngo'],
    ['a leading underscore', '_ngo'],
    ['a space (a name, not an id)', 'Anna Berg'],
    ['65 characters', 'a'.repeat(65)],
    ['a trailing newline', 'ngo-1\n'],
    ['a dot', 'ngo.1'],
    ['not a string', 42],
  ])('refuses %s, naming the field', (_, id) => {
    const e = violation(() => requireOpaqueId(id, 'R18', 'recipientOrganisationId'));
    expect(e).toMatchObject({ rule: 'R18', kind: 'invalid' });
    expect(e.message).toBe('recipientOrganisationId must be an opaque id.');
  });
});

describe('nextId', () => {
  it('numbers a case’s own records from 1, deterministically', () => {
    expect(nextId('referral', 0)).toBe('referral-1');
    expect(nextId('service', 4)).toBe('service-5');
  });
});
