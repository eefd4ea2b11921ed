import { ConfigError, loadConfig } from '@ariadne/config';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  allowedAttributes,
  PrivateSpanExporter,
  privateSpan,
  startTracing,
  stopTracing,
  tracesUrl,
} from './tracing';

const CASE = '391b93d3-db77-4546-8f71-1f938a469537';

function span(over: Partial<ReadableSpan> = {}): ReadableSpan {
  const ctx = { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: 1 };
  return {
    name: 'RunActivity:appendEvents',
    kind: SpanKind.INTERNAL,
    spanContext: () => ctx,
    parentSpanId: 'c'.repeat(16),
    startTime: [1, 0],
    endTime: [2, 0],
    status: { code: SpanStatusCode.OK },
    attributes: {},
    links: [],
    events: [],
    duration: [1, 0],
    ended: true,
    resource: new Resource({ 'service.name': 'ariadne-worker' }),
    instrumentationLibrary: { name: 'ariadne' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
    ...over,
  } as ReadableSpan;
}

describe('traces are off unless an endpoint is set', () => {
  it('no endpoint: no tracing', () => {
    expect(tracesUrl({})).toBeUndefined();
    expect(startTracing({}, 'ariadne-api')).toBeUndefined();
  });

  it('the base endpoint gets /v1/traces; the traces endpoint is used as given', () => {
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318/' })).toBe(
      'https://otel.example:4318/v1/traces',
    );
    expect(
      tracesUrl({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otel.example:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://t.example/custom',
      }),
    ).toBe('https://t.example/custom');
  });

  it('one tracing per service and endpoint; stopping it lets a new one start', async () => {
    const config = { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9/v1/traces' };
    const a = startTracing(config, 'ariadne-test');
    expect(a).toBeDefined();
    expect(startTracing(config, 'ariadne-test')).toBe(a);
    expect(a!.resource.attributes['service.name']).toBe('ariadne-test');
    await stopTracing(config, 'ariadne-test');
    const b = startTracing(config, 'ariadne-test');
    expect(b).not.toBe(a);
    await b!.shutdown();
  });
});

describe('spans leave without personal data (P1)', () => {
  it('keeps allow-listed attributes of the right shape only', () => {
    expect(
      allowedAttributes({
        temporalWorkflowId: CASE,
        run_id: CASE,
        temporalUpdateId: 'Maria_Ivanova_visit', // a client-chosen Idempotency-Key
        temporalActivityId: '2',
        temporalTerminateReason: 'her name',
        'http.request.method': 'POST',
        'http.route': '/api/v1/cases/:caseId/person-details',
        'http.response.status_code': 200,
        'http.url': `/api/v1/cases?q=Maria`,
        workflowType: 'caseWorkflow',
        searchAttributes: 'x',
      }),
    ).toEqual({
      temporalWorkflowId: CASE,
      run_id: CASE,
      temporalActivityId: '2',
      'http.request.method': 'POST',
      'http.route': '/api/v1/cases/:caseId/person-details',
      'http.response.status_code': 200,
    });
    expect(allowedAttributes({ temporalWorkflowId: 'case-of-Maria' })).toEqual({});
    expect(allowedAttributes({ temporalUpdateId: CASE })).toEqual({ temporalUpdateId: CASE });
  });

  it('drops error messages, stack traces and event attributes; keeps ids, times and structure', () => {
    const original = span({
      status: { code: SpanStatusCode.ERROR, message: 'Rule R1: Maria Ivanova already decided' },
      attributes: { temporalWorkflowId: CASE, memo: 'Maria' },
      events: [
        {
          name: 'exception',
          time: [1, 5],
          attributes: {
            'exception.type': 'ApplicationFailure',
            'exception.message': 'Maria Ivanova',
            'exception.stacktrace': 'at Maria',
          },
        },
        { name: 'note about Maria', time: [1, 6], attributes: { text: 'Maria' } },
      ],
      links: [{ context: span().spanContext(), attributes: { who: 'Maria' } }],
    });
    const out = privateSpan(original);
    expect(
      JSON.stringify([out.name, out.attributes, out.events, out.status, out.links]),
    ).not.toMatch(/Maria/);
    expect(out.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(out.attributes).toEqual({ temporalWorkflowId: CASE });
    expect(out.events).toEqual([
      { name: 'exception', time: [1, 5], attributes: { 'exception.type': 'ApplicationFailure' } },
      { name: 'event', time: [1, 6], attributes: {} },
    ]);
    expect(out.spanContext()).toEqual(original.spanContext());
    expect([out.parentSpanId, out.startTime, out.endTime, out.kind]).toEqual([
      original.parentSpanId,
      original.startTime,
      original.endTime,
      original.kind,
    ]);
    expect(out.resource).toBe(original.resource);
  });

  it('keeps span names made of Temporal types and route templates, cuts any other', () => {
    for (const name of [
      'RunActivity:appendEvents',
      'HandleUpdate:caseCommand',
      'StartWorkflowUpdate:caseCommand',
      'POST /api/v1/cases/:caseId/person-details',
      'GET',
    ]) {
      expect(privateSpan(span({ name })).name).toBe(name);
    }
    for (const name of ['GET /api/v1/cases?name=Maria', 'Maria Ivanova', 'HandleQuery:a b']) {
      expect(privateSpan(span({ name })).name).toBe('span');
    }
  });

  it('the exporter passes only filtered spans on', () => {
    const seen: ReadableSpan[] = [];
    const inner: SpanExporter = {
      export: (spans, done) => {
        seen.push(...spans);
        done({ code: 0 });
      },
      shutdown: async () => undefined,
    };
    new PrivateSpanExporter(inner).export(
      [span({ attributes: { temporalTerminateReason: 'Maria' } })],
      () => undefined,
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]!.attributes).toEqual({});
  });
});

describe('the endpoint settings', () => {
  const load = (env: Record<string, string>) =>
    loadConfig({ DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/ariadne', ...env });

  it('accept https anywhere and plain http on loopback only', () => {
    expect(load({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    for (const url of ['https://otel.example:4318', 'http://127.0.0.1:4318', 'http://localhost']) {
      expect(load({ OTEL_EXPORTER_OTLP_ENDPOINT: url }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe(url);
      expect(
        load({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${url}/v1/traces` })
          .OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
      ).toBe(`${url}/v1/traces`);
    }
    for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) {
      for (const url of [
        'http://collector:4318',
        'http://127.0.0.1.evil.example',
        'ftp://x',
        'otel',
      ]) {
        expect(() => load({ [name]: url })).toThrow(ConfigError);
        expect(() => load({ [name]: url })).toThrow(`${name}:`);
      }
    }
  });
});
