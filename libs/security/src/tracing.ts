/**
 * OpenTelemetry traces (API → workflow → activity), off unless OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is set. Spans leave the process over OTLP/HTTP only through
 * the privacy filter below: an allow-list of attributes whose values must look like ids or HTTP
 * facts, no event attributes but the exception's type, no status message (P1: a span never
 * carries a payload, a name or an error message, which may quote her data).
 */
import type { Attributes, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

export interface TracingConfig {
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;
}

/** Where spans are posted, or undefined when tracing is off. */
export function tracesUrl(config: TracingConfig): string | undefined {
  if (config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const base = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  return base ? `${base.replace(/\/+$/, '')}/v1/traces` : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SMALL_INT = /^\d{1,10}$/;

/**
 * The attributes a span may keep, each with the shape its value must have. Workflow ids are
 * case UUIDs; an update id is the command's id (a UUID, or an Idempotency-Key: dropped unless a
 * UUID, since a client chooses it); activity ids are sequence numbers.
 */
const ALLOWED: Record<string, (v: unknown) => boolean> = {
  temporalWorkflowId: (v) => typeof v === 'string' && UUID.test(v),
  run_id: (v) => typeof v === 'string' && UUID.test(v),
  temporalUpdateId: (v) => typeof v === 'string' && UUID.test(v),
  temporalActivityId: (v) => typeof v === 'string' && (SMALL_INT.test(v) || UUID.test(v)),
  'http.request.method': (v) => typeof v === 'string' && /^[A-Z]{3,7}$/.test(v),
  'http.route': (v) => typeof v === 'string' && /^[A-Za-z0-9/:_.-]{1,200}$/.test(v),
  'http.response.status_code': (v) => typeof v === 'number' && Number.isInteger(v),
};

/** The attributes of `attrs` that may leave the process (exported for its unit test). */
export function allowedAttributes(attrs: Attributes): Attributes {
  const kept: Attributes = {};
  for (const [k, v] of Object.entries(attrs)) {
    if (ALLOWED[k]?.(v)) kept[k] = v;
  }
  return kept;
}

/** Span names are built from route templates and Temporal type names; anything else is cut. */
const SPAN_NAME = /^[A-Za-z]+(:[A-Za-z0-9_]+)?$|^[A-Z]{3,7}( \/[A-Za-z0-9/:_.-]{0,200})?$/;

/** The span as it may leave the process: same ids and times, filtered attributes and events. */
export function privateSpan(span: ReadableSpan): ReadableSpan {
  const copy = Object.create(span) as ReadableSpan;
  const events = span.events.map((e) => ({
    name: e.name === 'exception' ? 'exception' : 'event',
    time: e.time,
    attributes:
      typeof e.attributes?.['exception.type'] === 'string' &&
      /^[A-Za-z0-9_.]{1,100}$/.test(e.attributes['exception.type'])
        ? { 'exception.type': e.attributes['exception.type'] }
        : {},
  }));
  Object.defineProperties(copy, {
    name: { value: SPAN_NAME.test(span.name) ? span.name : 'span' },
    attributes: { value: allowedAttributes(span.attributes) },
    events: { value: events },
    status: { value: { code: span.status.code } },
    links: {
      value: span.links.map((l) => ({ context: l.context, attributes: {} })),
    },
  });
  return copy;
}

/** Wraps an exporter so that only private spans reach it. */
export class PrivateSpanExporter implements SpanExporter {
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: Parameters<SpanExporter['export']>[1]): void {
    this.inner.export(spans.map(privateSpan), done);
  }
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

export interface Tracing {
  readonly tracer: Tracer;
  /** For the worker's workflow span sink (spans made inside the workflow sandbox). */
  readonly spanProcessor: SpanProcessor;
  readonly resource: Resource;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

const started = new Map<string, Tracing>();
let registered = false;

/**
 * Tracing for one service of this process ('ariadne-api', 'ariadne-worker'), or undefined when
 * no endpoint is set. Started once per service and endpoint; the first one also installs the
 * process's context manager and W3C propagator, which carry the trace across awaits and, in
 * Temporal headers, to the workflow and its activities.
 */
export function startTracing(
  config: TracingConfig,
  service: string,
  version?: string,
): Tracing | undefined {
  const url = tracesUrl(config);
  if (!url) return undefined;
  const key = `${service} ${url}`;
  const existing = started.get(key);
  if (existing) return existing;
  const resource = new Resource({
    [ATTR_SERVICE_NAME]: service,
    ...(version && { [ATTR_SERVICE_VERSION]: version }),
  });
  // OTLP/HTTP with JSON bodies; the exporter reads OTEL_EXPORTER_OTLP_HEADERS itself (a token).
  const spanProcessor = new BatchSpanProcessor(
    new PrivateSpanExporter(new OTLPTraceExporter({ url })),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  if (!registered) {
    provider.register();
    registered = true;
  }
  const tracing: Tracing = {
    tracer: provider.getTracer('ariadne'),
    spanProcessor,
    resource,
    forceFlush: () => provider.forceFlush(),
    shutdown: async () => {
      started.delete(key);
      await provider.shutdown();
    },
  };
  started.set(key, tracing);
  return tracing;
}

/** Flushes and stops a service's tracing if it was started (at shutdown). */
export async function stopTracing(config: TracingConfig, service: string): Promise<void> {
  const url = tracesUrl(config);
  await (url ? started.get(`${service} ${url}`)?.shutdown() : undefined);
}

/** Sends every span ended so far (tests; shutdown flushes by itself). */
export async function flushTracing(): Promise<void> {
  await Promise.all([...started.values()].map((t) => t.forceFlush()));
}
