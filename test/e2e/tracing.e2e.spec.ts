/**
 * OpenTelemetry traces across API → workflow → activity (issue 11), with an OTLP/HTTP receiver
 * of the test's own on a free loopback port: one command through the API gives one trace holding
 * the API's request span, the Temporal client's span, the workflow's update span and the append
 * activity's span, from the API and worker services; no span carries her data (P1).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { flushTracing } from '@ariadne/security';
import { type ApiStack, type Caller, startApiStack } from '../support/stack';

jest.setTimeout(120_000);

interface OtlpValue {
  stringValue?: string;
  intValue?: number | string;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: OtlpValue }[];
  events?: { name: string; attributes?: { key: string }[] }[];
  status?: { code?: number; message?: string };
}
interface Received extends OtlpSpan {
  service: string;
}

/** A tiny OTLP/HTTP receiver: keeps the raw bodies and the spans of every JSON post. */
function startReceiver(): Promise<{
  url: string;
  bodies: string[];
  spans: Received[];
  close(): Promise<void>;
}> {
  const bodies: string[] = [];
  const spans: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      bodies.push(body);
      if (req.url === '/v1/traces' && /json/.test(String(req.headers['content-type']))) {
        const parsed = JSON.parse(body) as {
          resourceSpans?: {
            resource?: { attributes?: { key: string; value: OtlpValue }[] };
            scopeSpans?: { spans?: OtlpSpan[] }[];
          }[];
        };
        for (const rs of parsed.resourceSpans ?? []) {
          const service =
            rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ??
            '?';
          for (const ss of rs.scopeSpans ?? []) {
            for (const s of ss.spans ?? []) spans.push({ ...s, service });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        bodies,
        spans,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    }),
  );
}

const tag = randomBytes(3).toString('hex');
const GIVEN = `Velimira${tag}`;
const FAMILY = `Ostrogh${tag}`;
const DOCUMENT = `QZ${tag}9931`;

describe('traces across API → workflow → activity (OpenTelemetry, off by default)', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let stack: ApiStack;
  let caseworker: Caller;

  beforeAll(async () => {
    receiver = await startReceiver();
    stack = await startApiStack({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    caseworker = await stack.as('se-ngo-1-cw-1');
  });
  afterAll(async () => {
    await stack?.close();
    await receiver?.close();
  });

  it('one command is one trace from the API span to the activity span, with no personal data', async () => {
    const opened = await caseworker('POST', '/api/v1/cases', { referralSource: 'police' });
    expect(opened.status).toBe(201);
    const caseId = String(opened.body.caseId);
    const res = await caseworker('POST', `/api/v1/cases/${caseId}/person-details`, {
      personal: {
        identity: { givenName: GIVEN, familyName: FAMILY, documentNumber: DOCUMENT },
      },
    });
    expect(res.status).toBeLessThan(300);

    // Spans leave in batches: flush, then wait for the command's trace to be complete.
    const commandSpan = (): Received | undefined =>
      receiver.spans.find((s) => s.name === 'POST /api/v1/cases/:caseId/person-details');
    const traceOf = (): Received[] => {
      const root = commandSpan();
      return root ? receiver.spans.filter((s) => s.traceId === root.traceId) : [];
    };
    const complete = (spans: Received[]): boolean =>
      spans.some((s) => s.name.startsWith('HandleUpdate:')) &&
      spans.some((s) => s.name.startsWith('RunActivity:'));
    const deadline = Date.now() + 30_000;
    while (!complete(traceOf()) && Date.now() < deadline) {
      await flushTracing();
      await new Promise((r) => setTimeout(r, 250));
    }
    const root = commandSpan();
    expect(root).toBeDefined();
    const spans = traceOf();
    const byName = (re: RegExp): Received[] => spans.filter((s) => re.test(s.name));

    // The request span is the root, in the API; the client's update span is its child.
    expect(root!.parentSpanId || undefined).toBeUndefined();
    expect(root!.service).toBe('ariadne-api');
    const attrs = Object.fromEntries((root!.attributes ?? []).map((a) => [a.key, a.value]));
    expect(attrs['http.route']?.stringValue).toBe('/api/v1/cases/:caseId/person-details');
    expect(Number(attrs['http.response.status_code']?.intValue)).toBe(res.status);
    const client = byName(/^(StartWorkflowUpdate|UpdateWorkflow|ExecuteUpdate)/);
    expect(client.length).toBeGreaterThan(0);
    expect(client[0]!.service).toBe('ariadne-api');
    expect(client[0]!.parentSpanId).toBe(root!.spanId);
    // The workflow's update handler (worker, from the sandbox's sink) and the append activity.
    const update = byName(/^HandleUpdate:/);
    expect(update.map((s) => s.service)).toEqual(['ariadne-worker']);
    const activity = byName(/^RunActivity:/);
    expect(activity.length).toBeGreaterThan(0);
    expect(new Set(activity.map((s) => s.service))).toEqual(new Set(['ariadne-worker']));
    // One connected tree: every span but the root has its parent in the trace.
    const ids = new Set(spans.map((s) => s.spanId));
    for (const s of spans) if (s !== root) expect(ids.has(s.parentSpanId ?? '')).toBe(true);
    // The case id is there as the workflow id (a UUID), on the client and workflow spans.
    const workflowIds = spans.flatMap((s) =>
      (s.attributes ?? []).filter((a) => a.key === 'temporalWorkflowId'),
    );
    expect(workflowIds.length).toBeGreaterThan(0);
    for (const a of workflowIds) expect(a.value.stringValue).toBe(caseId);

    // P1: nothing of hers anywhere in what was sent, and only allow-listed attributes.
    const everything = receiver.bodies.join('\n');
    for (const needle of [GIVEN, FAMILY, DOCUMENT]) expect(everything).not.toContain(needle);
    const keys = new Set(receiver.spans.flatMap((s) => (s.attributes ?? []).map((a) => a.key)));
    for (const k of keys) {
      expect([
        'temporalWorkflowId',
        'run_id',
        'temporalUpdateId',
        'temporalActivityId',
        'http.request.method',
        'http.route',
        'http.response.status_code',
      ]).toContain(k);
    }
    for (const s of receiver.spans) expect(s.status?.message ?? '').toBe('');
  });
});
