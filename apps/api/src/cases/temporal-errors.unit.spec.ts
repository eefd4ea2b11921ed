import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { FAILURE_TYPES } from '@ariadne/contracts';
import { problemFromTemporal } from './temporal-errors';

function refused(rule: string, kind: string): WorkflowUpdateFailedError {
  const failure = ApplicationFailure.create({
    type: FAILURE_TYPES.ruleViolation,
    message: 'refused',
    details: [{ rule, kind }],
    nonRetryable: true,
  });
  return new WorkflowUpdateFailedError('Workflow Update failed', failure);
}

describe('a refused command becomes a problem naming the rule', () => {
  it.each([
    ['conflict', 409, 'R1'],
    ['invalid', 422, 'R9'],
    ['forbidden', 403, 'R8'],
  ])('kind %s → %i', (kind, status, rule) => {
    expect(problemFromTemporal(refused(rule, kind))?.problem).toMatchObject({
      status,
      rule,
      title: `Refused by rule ${rule}`,
      detail: 'refused',
    });
  });

  it('an unknown kind is a conflict, never a success', () => {
    expect(problemFromTemporal(refused('R5', 'surprise'))?.problem.status).toBe(409);
  });

  it('anything unexpected is left to the filter (500 without detail)', () => {
    expect(problemFromTemporal(new Error('boom'))).toBeUndefined();
  });
});
