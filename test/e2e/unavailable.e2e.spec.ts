/**
 * No request hangs: with no worker polling, a command answers 503 with Retry-After within the
 * bound (ARIADNE_COMMAND_WAIT_MS), /health/ready says why, and a retry with the same
 * Idempotency-Key once a worker is back answers with the command's one result.
 */
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import {
  caller,
  DEMO_PASSWORD,
  startApiStack,
  uniqueTaskQueue,
  type ApiStack,
  type Caller,
} from '../support/stack';

jest.setTimeout(120_000);

const WAIT_MS = 2000;

describe('a command while no worker polls', () => {
  let stack: ApiStack;
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let baseUrl: string;
  let cw: Caller;
  const queue = uniqueTaskQueue('unpolled');

  beforeAll(async () => {
    stack = await startApiStack({ ARIADNE_COMMAND_WAIT_MS: String(WAIT_MS) });
    // A second API whose case task queue no worker polls (yet).
    const before = process.env.TEMPORAL_TASK_QUEUE;
    process.env.TEMPORAL_TASK_QUEUE = queue;
    try {
      const { createApi } = await import('../../apps/api/src/bootstrap');
      api = await createApi();
      await api.listen(0, '127.0.0.1');
    } finally {
      process.env.TEMPORAL_TASK_QUEUE = before;
    }
    baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
    const login = await caller(baseUrl)('POST', '/api/v1/auth/login', {
      login: 'se-ngo-1-cw-1',
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    cw = caller(baseUrl, String(login.body.accessToken));
  });
  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await stack?.close();
  });

  it('/health/ready is degraded and names the worker; /health/live stays 200', async () => {
    const ready = await caller(baseUrl)('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      status: 'degraded',
      database: 'up',
      temporal: 'up',
      worker: 'none',
    });
    expect((await caller(baseUrl)('GET', '/health')).status).toBe(503);
    const live = await caller(baseUrl)('GET', '/health/live');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    // The stack's own API has its worker: ready.
    expect(await stack.anonymous('GET', '/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ok', worker: 'polling' },
    });
  });

  it('503 with Retry-After within the bound; the same key later gives the one result', async () => {
    const key = randomUUID();
    const started = Date.now();
    const first = await cw(
      'POST',
      '/api/v1/cases',
      { referralSource: 'ngo-outreach' },
      { 'Idempotency-Key': key },
    );
    const waited = Date.now() - started;
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('5');
    expect(first.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(first.body.type).toBe('https://ariadne.invalid/problems/unavailable');
    expect(waited).toBeGreaterThanOrEqual(WAIT_MS - 100);
    expect(waited).toBeLessThan(WAIT_MS + 4000);

    // A worker comes back for that task queue.
    const before = process.env.TEMPORAL_TASK_QUEUE;
    process.env.TEMPORAL_TASK_QUEUE = queue;
    try {
      const { WorkerModule } = await import('../../apps/worker/src/worker.module');
      worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    } finally {
      process.env.TEMPORAL_TASK_QUEUE = before;
    }

    let retried = first;
    for (let i = 0; i < 20 && retried.status === 503; i++) {
      retried = await cw(
        'POST',
        '/api/v1/cases',
        { referralSource: 'ngo-outreach' },
        { 'Idempotency-Key': key },
      );
    }
    expect(retried.status).toBe(201);
    const again = await cw(
      'POST',
      '/api/v1/cases',
      { referralSource: 'ngo-outreach' },
      { 'Idempotency-Key': key },
    );
    expect(again.status).toBe(201);
    expect(again.body.caseId).toBe(retried.body.caseId);
    const timeline = await cw('GET', `/api/v1/cases/${retried.body.caseId}/timeline`);
    expect(timeline.status).toBe(200);
    const opened = (timeline.body.items ?? timeline.body.events ?? timeline.body).filter(
      (e: { type: string }) => e.type === 'CaseOpened',
    );
    expect(opened).toHaveLength(1);

    let ready = await caller(baseUrl)('GET', '/health/ready');
    for (let i = 0; i < 30 && ready.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 500));
      ready = await caller(baseUrl)('GET', '/health/ready');
    }
    expect(ready.body).toEqual({ status: 'ok', database: 'up', temporal: 'up', worker: 'polling' });
  });
});
