/**
 * The yardstick of the command benchmark (issue 11): a bare Temporal workflow whose Update does
 * nothing but answer. A command through Ariadne is measured against an Update to this workflow on
 * the same Temporal server, so the ratio shows what Ariadne adds to Temporal's own round trip.
 */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const bareUpdate = defineUpdate<number, [number]>('bare');

export async function bareWorkflow(): Promise<void> {
  let done = false;
  setHandler(bareUpdate, (n: number) => {
    if (n < 0) done = true;
    return n;
  });
  await condition(() => done);
}
