import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Labels for what matched no route, or was not answered. Never the concrete URL (P1). */
export const UNMATCHED_ROUTE = 'unmatched';

type Labels = 'method' | 'route' | 'status';

/**
 * The application's Prometheus metrics, in a registry of its own (not prom-client's global one),
 * so that two applications in one process (tests) do not collide. Labels are the HTTP method,
 * the route PATTERN (/api/v1/cases/:caseId) and the status: no ids, no personal data.
 */
@Injectable()
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<Labels>;
  private readonly duration: Histogram<Labels>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  observe(method: string, route: string, status: string, seconds: number): void {
    const labels = { method: METHODS.has(method) ? method : 'OTHER', route, status };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}
