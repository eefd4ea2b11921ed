/**
 * Test only (test/workflows/local-append.int.spec.ts): a workflow interceptor for a worker that
 * loses its workflow task right after an Update's handler ran, so after its local append
 * committed. A plain Error (not an ApplicationFailure) fails the workflow task: the server drops
 * everything the task did (the local activity's marker, the Update's acceptance and answer), as
 * when the worker dies, and a later task runs the Update again. Only commands whose id starts
 * with LOSE_TASK_PREFIX are affected.
 */
import type { WorkflowInterceptorsFactory } from '@temporalio/workflow';

export const LOSE_TASK_PREFIX = 'lose-task-';

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [
    {
      async handleUpdate(input, next) {
        const result = await next(input);
        const envelope = input.args[0] as { commandId?: unknown } | undefined;
        if (String(envelope?.commandId ?? '').startsWith(LOSE_TASK_PREFIX)) {
          throw new Error('Test: the workflow task is lost after the append committed');
        }
        return result;
      },
    },
  ],
});
