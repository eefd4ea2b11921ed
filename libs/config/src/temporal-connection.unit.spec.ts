import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporalConnectConfig } from './temporal-connection';

const DEFAULTS = { TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_NAMESPACE: 'default' };
/** No file of the machine's user is read: a file with an empty default profile stands for "none". */
function env(vars: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'envconfig-'));
  const file = join(dir, 'temporal.toml');
  writeFileSync(file, '[profile.default]\n');
  return { TEMPORAL_CONFIG_FILE: file, ...vars };
}

describe('temporalConnectConfig: the Temporal connection of API and worker', () => {
  it('without settings: the validated defaults, plain connection', () => {
    const c = temporalConnectConfig(DEFAULTS, env());
    expect(c.connectionOptions.address).toBe('127.0.0.1:7233');
    expect(c.namespace).toBe('default');
    expect(c.connectionOptions.tls).toBeFalsy();
    expect(c.connectionOptions.apiKey).toBeUndefined();
  });

  it('an API key and TLS from the environment (Temporal Cloud style)', () => {
    const c = temporalConnectConfig(
      DEFAULTS,
      env({
        TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
        TEMPORAL_NAMESPACE: 'ns.acct',
        TEMPORAL_API_KEY: 'key-123',
        TEMPORAL_TLS: 'true',
      }),
    );
    expect(c.connectionOptions.address).toBe('ns.acct.tmprl.cloud:7233');
    expect(c.namespace).toBe('ns.acct');
    expect(c.connectionOptions.apiKey).toBe('key-123');
    expect(c.connectionOptions.tls).toBeTruthy();
  });

  it('mTLS from a profile of a TOML file, as the temporal CLI reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envconfig-'));
    const file = join(dir, 'temporal.toml');
    writeFileSync(join(dir, 'client.pem'), 'CERT');
    writeFileSync(join(dir, 'client.key'), 'KEY');
    writeFileSync(
      file,
      [
        '[profile.production]',
        'address = "temporal-frontend.internal:7233"',
        'namespace = "ariadne"',
        '[profile.production.tls]',
        `client_cert_path = "${join(dir, 'client.pem')}"`,
        `client_key_path = "${join(dir, 'client.key')}"`,
        'server_name = "temporal-frontend.internal"',
        '',
      ].join('\n'),
    );
    const c = temporalConnectConfig(DEFAULTS, {
      TEMPORAL_CONFIG_FILE: file,
      TEMPORAL_PROFILE: 'production',
    });
    expect(c.connectionOptions.address).toBe('temporal-frontend.internal:7233');
    expect(c.namespace).toBe('ariadne');
    const tls = c.connectionOptions.tls as {
      serverNameOverride?: string;
      clientCertPair?: { crt: Uint8Array; key: Uint8Array };
    };
    expect(tls.serverNameOverride).toBe('temporal-frontend.internal');
    expect(Buffer.from(tls.clientCertPair!.crt).toString()).toBe('CERT');
    expect(Buffer.from(tls.clientCertPair!.key).toString()).toBe('KEY');
  });
});
