/**
 * Workflows for the payload-encryption integration test only: they carry a "name" through
 * arguments, activity calls, results and failures, so that the test can look for it in the raw
 * Temporal history.
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';

export interface FixtureActivities {
  greet(name: string): Promise<string>;
  refuse(name: string): Promise<string>;
}

const activities = proxyActivities<FixtureActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 1 },
});

export async function greetWorkflow(person: { name: string }): Promise<{ greeting: string }> {
  return { greeting: await activities.greet(person.name) };
}

export async function refuseWorkflow(person: { name: string }): Promise<void> {
  try {
    await activities.refuse(person.name);
  } catch (err) {
    // Thrown in the workflow sandbox: its message is encoded by the bundled failure converter.
    throw ApplicationFailure.create({
      message: `could not help ${person.name}`,
      type: 'Fixture',
      nonRetryable: true,
      cause: err instanceof Error ? err : undefined,
    });
  }
}
