import { loadConfig } from '@ariadne/config';
import { corsOptions, corsOrigins, isDocsPath } from './http-security';

const base = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db' };

describe('HTTP security settings', () => {
  it('has no CORS origins unless configured', () => {
    expect(corsOrigins(loadConfig(base))).toEqual([]);
    expect(corsOrigins(loadConfig({ ...base, ARIADNE_CORS_ORIGINS: '' }))).toEqual([]);
  });

  it('reads exact origins, comma-separated', () => {
    const config = loadConfig({
      ...base,
      ARIADNE_CORS_ORIGINS: 'https://case.example.org, http://localhost:5173,http://[::1]:8080',
    });
    expect(corsOrigins(config)).toEqual([
      'https://case.example.org',
      'http://localhost:5173',
      'http://[::1]:8080',
    ]);
  });

  it.each(['*', 'https://*.example.org', 'https://example.org/', 'example.org', 'null', 'ftp://x'])(
    'refuses %s as an origin at start-up',
    (value) => {
      expect(() => loadConfig({ ...base, ARIADNE_CORS_ORIGINS: value })).toThrow(
        /ARIADNE_CORS_ORIGINS/,
      );
    },
  );

  it('allows only the listed origins, without credentials', () => {
    const options = corsOptions(['https://case.example.org']);
    expect(options.origin).toEqual(['https://case.example.org']);
    expect(options.credentials).toBe(false);
    expect(options.exposedHeaders).toEqual(expect.arrayContaining(['ETag', 'Location']));
    expect(options.allowedHeaders).toEqual(
      expect.arrayContaining(['Authorization', 'If-Match', 'Idempotency-Key']),
    );
  });

  it('relaxes the CSP for the API docs only', () => {
    expect(isDocsPath('/api/docs')).toBe(true);
    expect(isDocsPath('/api/docs/swagger-ui-init.js')).toBe(true);
    expect(isDocsPath('/api/docsx')).toBe(false);
    expect(isDocsPath('/api/v1/cases')).toBe(false);
    expect(isDocsPath('/api/openapi.json')).toBe(false);
  });
});
