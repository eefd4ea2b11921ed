import { HttpStatus } from '@nestjs/common';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { FAILURE_TYPES } from '@ariadne/contracts';
import type { RuleViolationKind } from '@ariadne/domain';
import { problem, type ProblemException } from '../common/problem';
import { caseNotFound } from '../access';

function rootApplicationFailure(e: unknown): ApplicationFailure | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur instanceof ApplicationFailure) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * A refused command's status, by the kind of RuleViolation: 409 when the case's state forbids it
 * now, 422 when the command itself can never be accepted, 403 when this actor may not issue it
 * (R8, R22: a supervisor's decision).
 */
export const RULE_VIOLATION_STATUS: Readonly<Record<RuleViolationKind, HttpStatus>> = {
  conflict: HttpStatus.CONFLICT,
  invalid: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

function ruleViolationStatus(kind: unknown): HttpStatus {
  return Object.prototype.hasOwnProperty.call(RULE_VIOLATION_STATUS, String(kind))
    ? RULE_VIOLATION_STATUS[kind as RuleViolationKind]
    : HttpStatus.CONFLICT;
}

/** Turns a Temporal failure into the problem a client can act on, or undefined if unexpected. */
export function problemFromTemporal(e: unknown): ProblemException | undefined {
  if (e instanceof WorkflowNotFoundError) {
    return caseNotFound();
  }
  if (e instanceof WorkflowExecutionAlreadyStartedError) {
    return problem(HttpStatus.CONFLICT, 'case-exists', 'A case with this id exists already');
  }
  if (!(e instanceof WorkflowUpdateFailedError)) return undefined;
  const failure = rootApplicationFailure(e);
  if (!failure) return undefined;
  const details = (failure.details?.[0] ?? {}) as {
    rule?: string;
    kind?: string;
    currentVersion?: number;
  };
  switch (failure.type) {
    case FAILURE_TYPES.ruleViolation:
      return problem(
        ruleViolationStatus(details.kind),
        'rule-violation',
        `Refused by rule ${details.rule ?? 'unknown'}`,
        { detail: failure.message, rule: details.rule },
      );
    case FAILURE_TYPES.versionConflict:
      return problem(HttpStatus.PRECONDITION_FAILED, 'version-conflict', 'The case has changed', {
        detail: failure.message,
        currentVersion: details.currentVersion,
      });
    case FAILURE_TYPES.appendConflict:
      return problem(
        HttpStatus.CONFLICT,
        'concurrent-change',
        'The case was changed at the same time',
        {
          detail: 'Try again with the current version.',
        },
      );
    default:
      return undefined;
  }
}
