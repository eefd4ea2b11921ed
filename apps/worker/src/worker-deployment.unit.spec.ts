import { ConfigError, loadConfig } from '@ariadne/config';
import {
  cacheOptions,
  deploymentOptions,
  promoteWorkerVersion,
  workerVersion,
} from './worker-deployment';

const BASE = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/ariadne' };
const load = (env: Record<string, string>) => loadConfig({ ...BASE, ...env });

describe('worker deployment settings', () => {
  it('by default the worker is unversioned, promotes when versioned, and caches 1,000 cases', () => {
    const c = load({});
    expect(c.ARIADNE_WORKER_BUILD_ID).toBeUndefined();
    expect(c.ARIADNE_WORKER_DEPLOYMENT).toBe('ariadne');
    expect(c.ARIADNE_WORKER_PROMOTE).toBe(true);
    expect(c.ARIADNE_WORKER_MAX_CACHED_WORKFLOWS).toBe(1000);
    expect(workerVersion(c)).toBeUndefined();
    expect(deploymentOptions(c)).toEqual({});
    expect(cacheOptions(c)).toEqual({ maxCachedWorkflows: 1000 });
  });

  it('a build id makes the worker a deployment version whose cases auto-upgrade', () => {
    const c = load({
      ARIADNE_WORKER_BUILD_ID: '2026.12.1+abc123',
      ARIADNE_WORKER_DEPLOYMENT: 'ariadne-eu',
      ARIADNE_WORKER_PROMOTE: 'false',
      ARIADNE_WORKER_MAX_CACHED_WORKFLOWS: '250',
    });
    expect(workerVersion(c)).toEqual({ deploymentName: 'ariadne-eu', buildId: '2026.12.1+abc123' });
    expect(deploymentOptions(c)).toEqual({
      workerDeploymentOptions: {
        version: { deploymentName: 'ariadne-eu', buildId: '2026.12.1+abc123' },
        useWorkerVersioning: true,
        defaultVersioningBehavior: 'AUTO_UPGRADE',
      },
    });
    expect(c.ARIADNE_WORKER_PROMOTE).toBe(false);
    expect(cacheOptions(c)).toEqual({ maxCachedWorkflows: 250 });
  });

  it.each([
    ['ARIADNE_WORKER_BUILD_ID', 'a space', 'has space'],
    ['ARIADNE_WORKER_BUILD_ID', 'a leading dash', '-leading-dash'],
    ['ARIADNE_WORKER_BUILD_ID', '129 characters', 'x'.repeat(129)],
    ['ARIADNE_WORKER_DEPLOYMENT', 'a dot', 'with.dot'],
    ['ARIADNE_WORKER_PROMOTE', 'not a boolean', 'maybe'],
    ['ARIADNE_WORKER_MAX_CACHED_WORKFLOWS', 'negative', '-1'],
    ['ARIADNE_WORKER_MAX_CACHED_WORKFLOWS', 'over 100,000', '100001'],
    ['ARIADNE_WORKER_MAX_CACHED_WORKFLOWS', 'not a number', 'lots'],
  ])('refuses %s with %s, naming the variable, not echoing the value', (name, _what, value) => {
    let error: unknown;
    try {
      load({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${name}:`);
    if (value.length > 3) expect((error as Error).message).not.toContain(value);
  });

  it('accepts the largest build id and cache bound', () => {
    const c = load({
      ARIADNE_WORKER_BUILD_ID: 'a'.repeat(128),
      ARIADNE_WORKER_MAX_CACHED_WORKFLOWS: '100000',
    });
    expect(c.ARIADNE_WORKER_BUILD_ID).toHaveLength(128);
    expect(c.ARIADNE_WORKER_MAX_CACHED_WORKFLOWS).toBe(100_000);
  });
});

describe('promoteWorkerVersion', () => {
  const version = { deploymentName: 'ariadne', buildId: 'b1' };

  it('retries until the server knows the version, then makes it current', async () => {
    const calls: unknown[] = [];
    const connection = {
      workflowService: {
        setWorkerDeploymentCurrentVersion: jest.fn(async (req: unknown) => {
          calls.push(req);
          if (calls.length < 3) throw new Error('NOT_FOUND');
          return {};
        }),
      },
    };
    await promoteWorkerVersion(connection as never, 'ns', version, { ms: 10_000 });
    expect(calls).toHaveLength(3);
    expect(calls[2]).toEqual({
      namespace: 'ns',
      deploymentName: 'ariadne',
      buildId: 'b1',
      identity: 'ariadne-worker/b1',
    });
  });

  it('gives up at its deadline, or at once when the worker stops', async () => {
    const failing = {
      workflowService: {
        setWorkerDeploymentCurrentVersion: jest.fn(async () => {
          throw new Error('NOT_FOUND');
        }),
      },
    };
    await expect(promoteWorkerVersion(failing as never, 'ns', version, { ms: 0 })).rejects.toThrow(
      'NOT_FOUND',
    );
    const stopped = new AbortController();
    stopped.abort();
    const started = Date.now();
    await expect(
      promoteWorkerVersion(failing as never, 'ns', version, { ms: 60_000, signal: stopped.signal }),
    ).rejects.toThrow('NOT_FOUND');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
