/**
 * The yardsticks of the command benchmark (issue 11).
 *
 * - `bareWorkflow`: a bare Temporal workflow whose Update does nothing but answer. A command
 *   through Ariadne is measured against an Update to this workflow on the same Temporal server,
 *   so the ratio shows what Ariadne adds to Temporal's own round trip.
 * - `bareLocalWorkflow`: the shape of a case command with nothing of Ariadne's in it: the Update's
 *   handler awaits one local activity that only answers (the append's place, docs/adr/0013),
 *   while a deadline timer runs, kept across commands as the case workflow keeps the timer of
 *   its next due action. What Temporal itself costs for that shape; the rest of a command is
 *   Ariadne's work.
 */
import {
  condition,
  defineUpdate,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

export const bareUpdate = defineUpdate<number, [number]>('bare');

export async function bareWorkflow(): Promise<void> {
  let done = false;
  setHandler(bareUpdate, (n: number) => {
    if (n < 0) done = true;
    return n;
  });
  await condition(() => done);
}

/** The local activity of `bareLocalWorkflow` (the bench registers it): it answers its input. */
export interface BareActivities {
  echo(n: number): Promise<number>;
}

const { echo } = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '5 seconds' });

export async function bareLocalWorkflow(): Promise<void> {
  let done = false;
  setHandler(bareUpdate, async (n: number) => {
    const answer = await echo(n);
    if (n < 0) done = true;
    return answer;
  });
  let due = false;
  void sleep('1 day').then(() => (due = true));
  await condition(() => done || due);
}
