import { HttpMetrics, UNMATCHED_ROUTE } from './http-metrics';
import { routeLabel } from './http-metrics.middleware';

describe('HTTP metrics', () => {
  it('labels a request with its route pattern, never its URL', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/api/v1/cases/:caseId' } })).toBe(
      '/api/v1/cases/:caseId',
    );
    expect(routeLabel({ baseUrl: '/api', route: { path: '/v1/cases' } })).toBe('/api/v1/cases');
    expect(routeLabel({ baseUrl: '', route: undefined })).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ baseUrl: '', route: { path: /cases/ } })).toBe(UNMATCHED_ROUTE);
    // A catch-all middleware mount that no controller route replaced.
    expect(
      routeLabel({
        baseUrl: '',
        route: { path: '/api/{*path}', methods: { acl: true, get: true, post: true } },
      }),
    ).toBe(UNMATCHED_ROUTE);
    expect(routeLabel({ baseUrl: '', route: { path: '/health', methods: { get: true } } })).toBe(
      '/health',
    );
  });

  it('counts and times requests by method, route and status; odd methods pooled', async () => {
    const metrics = new HttpMetrics();
    metrics.observe('GET', '/api/v1/cases/:caseId', '200', 0.02);
    metrics.observe('GET', '/api/v1/cases/:caseId', '200', 0.03);
    metrics.observe('PROPFIND', UNMATCHED_ROUTE, '404', 0.001);
    const text = await metrics.exposition();
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/cases/:caseId",status="200"} 2',
    );
    expect(text).toContain('http_requests_total{method="OTHER",route="unmatched",status="404"} 1');
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/api/v1/cases/:caseId",status="200"} 2',
    );
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('keeps a registry per application, so two can live in one process', async () => {
    const a = new HttpMetrics();
    const b = new HttpMetrics();
    a.observe('GET', '/health', '200', 0.001);
    expect(await b.exposition()).not.toContain('route="/health"');
  });
});
