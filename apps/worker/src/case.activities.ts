import { ApplicationFailure } from '@temporalio/activity';
import { type CaseActivities, type EventToAppend, FAILURE_TYPES } from '@ariadne/contracts';
import { type CaseEventType, personalPaths } from '@ariadne/domain';
import { AppendConflictError, type EventStore } from '@ariadne/persistence';
import type { CaseKeyStore } from '@ariadne/security';

/**
 * The case workflow's activities: all of its I/O, behind the repositories. Personal data is
 * encrypted with the case's own key before it reaches PostgreSQL (P2); erasure destroys that key
 * (P7), so her data becomes unreadable everywhere while the log itself stays intact.
 */
export function caseActivities(store: EventStore, keys: CaseKeyStore): CaseActivities {
  async function sealed(caseId: string, e: EventToAppend): Promise<EventToAppend> {
    const paths = personalPaths(e.type as CaseEventType);
    if (paths.length === 0 || typeof e.data !== 'object' || e.data === null) return e;
    await keys.ensureKey(caseId);
    const data = await keys.encryptPersonal(caseId, e.data as Record<string, unknown>, paths);
    return { ...e, data };
  }

  return {
    async appendEvents(input) {
      try {
        const events = await Promise.all(input.events.map((e) => sealed(input.caseId, e)));
        const result = await store.append({ ...input, events });
        if (input.events.some((e) => e.type === 'PersonalDataErased')) {
          await keys.destroy(input.caseId, input.metadata.actorId);
        }
        return result;
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
