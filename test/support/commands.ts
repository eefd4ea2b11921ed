/** Driving a case through the Temporal client directly, as the API does. */
import { type Client, WithStartWorkflowOperation } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  CASE_WORKFLOW_TYPE,
  type CommandEnvelope,
  type CommandResult,
  caseCommandUpdate,
  openCaseUpdate,
} from '@ariadne/contracts';
import type { Actor, CaseCommand, CountryPolicy } from '@ariadne/domain';
import { SE } from './fixtures';

export const CASEWORKER: Actor = { userId: 'cw-1', organisationId: 'se-ngo-1', role: 'caseworker' };

export function envelope<C extends CaseCommand>(
  command: C,
  extra: { expectedVersion?: number; actor?: Actor } = {},
): CommandEnvelope<C> {
  const { actor = CASEWORKER, ...rest } = extra;
  return { command, actor, commandId: randomUUID(), correlationId: randomUUID(), ...rest };
}

export async function openCase(
  client: Client,
  taskQueue: string,
  policy: CountryPolicy = SE,
  workflowInput: Record<string, unknown> = {},
): Promise<string> {
  const caseId = randomUUID();
  await client.workflow.executeUpdateWithStart(openCaseUpdate, {
    args: [
      envelope({
        type: 'OpenCase',
        referralSource: 'police',
        policy,
        organisationId: CASEWORKER.organisationId,
        assigneeId: CASEWORKER.userId,
      }),
    ],
    startWorkflowOperation: new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
      workflowId: caseId,
      taskQueue,
      args: [{ caseId, ...workflowInput }],
      workflowIdConflictPolicy: 'FAIL',
    }),
  });
  return caseId;
}

export function send(
  client: Client,
  caseId: string,
  command: CaseCommand,
  extra: { expectedVersion?: number; actor?: Actor } = {},
): Promise<CommandResult> {
  return client.workflow
    .getHandle(caseId)
    .executeUpdate(caseCommandUpdate, { args: [envelope(command, extra)] });
}

/** Polls until `check` holds (for effects of durable timers), failing after `ms`. */
export async function eventually<T>(
  probe: () => Promise<T>,
  check: (v: T) => boolean,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (check(v)) return v;
    if (Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}
