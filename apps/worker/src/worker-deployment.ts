import type { WorkerDeploymentVersion } from '@temporalio/common';
import type { NativeConnection, WorkerOptions } from '@temporalio/worker';
import type { AppConfig } from '@ariadne/config';

type DeploymentConfig = Pick<AppConfig, 'ARIADNE_WORKER_BUILD_ID' | 'ARIADNE_WORKER_DEPLOYMENT'>;

/** The version this worker polls as, or undefined for an unversioned worker. */
export function workerVersion(config: DeploymentConfig): WorkerDeploymentVersion | undefined {
  const buildId = config.ARIADNE_WORKER_BUILD_ID;
  return buildId ? { deploymentName: config.ARIADNE_WORKER_DEPLOYMENT, buildId } : undefined;
}

/**
 * Worker Versioning (docs/adr/0014-safe-deploys.md): with a build id, the worker polls as that
 * deployment version and case workflows are AUTO_UPGRADE: a case follows the deployment's current
 * version at its next workflow task, so no build has to run for the years a case lasts. What keeps
 * a running case replaying on the new code is `patched()` and the saved-history replay (ADR 0005);
 * what versioning adds is that the server routes every task to the current build only — old and
 * new workers never take turns on one case during a deploy — and each task in the history names
 * the build that ran it.
 */
export function deploymentOptions(
  config: DeploymentConfig,
): Pick<WorkerOptions, 'workerDeploymentOptions'> {
  const version = workerVersion(config);
  if (!version) return {};
  return {
    workerDeploymentOptions: {
      version,
      useWorkerVersioning: true,
      defaultVersioningBehavior: 'AUTO_UPGRADE',
    },
  };
}

/** The sticky cache bound (the worker's memory; see the README's operator section). */
export function cacheOptions(
  config: Pick<AppConfig, 'ARIADNE_WORKER_MAX_CACHED_WORKFLOWS'>,
): Pick<WorkerOptions, 'maxCachedWorkflows'> {
  return { maxCachedWorkflows: config.ARIADNE_WORKER_MAX_CACHED_WORKFLOWS };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Makes the version the deployment's current one: new cases start on it and running cases move
 * to it at their next task. The server knows a version only once its worker has polled, so this
 * retries for a while (`ms`), or until `signal` aborts (the worker stops). Idempotent: several
 * workers of one build may all call it.
 */
export async function promoteWorkerVersion(
  connection: Pick<NativeConnection, 'workflowService'>,
  namespace: string,
  version: WorkerDeploymentVersion,
  { ms = 60_000, signal }: { ms?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await connection.workflowService.setWorkerDeploymentCurrentVersion({
        namespace,
        deploymentName: version.deploymentName,
        buildId: version.buildId,
        identity: `ariadne-worker/${version.buildId}`,
      });
      return;
    } catch (e) {
      // NOT_FOUND / FAILED_PRECONDITION until the poll has registered the version.
      if (Date.now() > deadline || signal?.aborted) throw e;
      await sleep(250);
    }
  }
}
