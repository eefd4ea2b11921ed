import { ApplicationFailure } from '@temporalio/activity';
import { type CaseActivities, FAILURE_TYPES } from '@ariadne/contracts';
import { AppendConflictError, type EventStore } from '@ariadne/persistence';

/** The case workflow's activities: all of its I/O, behind the repositories. */
export function caseActivities(store: EventStore): CaseActivities {
  return {
    async appendEvents(input) {
      try {
        return await store.append(input);
      } catch (e) {
        if (e instanceof AppendConflictError) {
          // Retrying cannot help: other events hold the version. The workflow must re-decide.
          throw ApplicationFailure.nonRetryable(e.message, FAILURE_TYPES.appendConflict);
        }
        throw e;
      }
    },
  };
}
