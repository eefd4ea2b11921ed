/**
 * The cluster topology is written twice: `npm run up -- --cluster` (scripts/ariadne.sh, here)
 * and docker-compose.yml (where Docker runs). Docker cannot run on this machine, so this test
 * checks that the two agree: one Temporal server version (also the one inside the CLI's dev
 * server), the same four services, the same config file and the same variables.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const read = (f: string): string => readFileSync(join(ROOT, f), 'utf8');
const lib = read('scripts/lib.sh');
const up = read('scripts/ariadne.sh');
const compose = read('docker-compose.yml');
const clusterYaml = read('deploy/temporal/cluster.yaml');

const version = /^TEMPORAL_SERVER_VERSION="v(\d+\.\d+\.\d+)"$/m.exec(lib)?.[1];
const SERVICES = ['history', 'matching', 'frontend', 'worker'];

/** A service's block of docker-compose.yml: from its name to the next top-level service. */
function service(name: string): string {
  const m = new RegExp(`^  ${name}:.*\\n((?:(?:    .*)?\\n)*)`, 'm').exec(compose);
  if (!m) throw new Error(`docker-compose.yml has no service ${name}`);
  return m[1];
}

describe('the cluster topology: npm run up -- --cluster and docker-compose.yml agree', () => {
  it('one Temporal server version for the cluster, the compose images and the CLI dev server', () => {
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    for (const s of SERVICES) {
      expect(service(`temporal-${s}`)).toBeDefined();
    }
    const images = [...compose.matchAll(/image: temporalio\/(server|admin-tools):(\S+)/g)];
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const [, kind, tag] of images) {
      if (kind === 'server') expect(tag).toBe(version);
      else expect(tag.startsWith(`${version}-`)).toBe(true);
    }
    expect(compose).not.toMatch(/auto-setup/);
    // The dev server inside the temporal CLI (tests and the embedded default) is built from
    // the same server module: read from the binary's own module list.
    const cli = process.env.TEMPORAL_CLI;
    if (!cli) throw new Error('TEMPORAL_CLI is not set: run the tests with `npm test`');
    const modules = execFileSync('go', ['version', '-m', cli], { encoding: 'utf8' });
    expect(modules).toMatch(new RegExp(`\\bdep\\s+go\\.temporal\\.io/server\\s+v${version}\\b`));
  });

  it('the same four services, each a process of its own, from the same config file', () => {
    expect(/^TEMPORAL_SERVICES="([^"]+)"$/m.exec(up)?.[1].split(' ').sort()).toEqual(
      [...SERVICES].sort(),
    );
    expect(up).toMatch(/--config deploy\/temporal --env cluster --allow-no-auth start --service/);
    expect(compose).toMatch(/- \.\/deploy\/temporal:\/etc\/temporal\/config\/ariadne:ro/);
    expect(compose).toMatch(/--config config\/ariadne --env cluster --allow-no-auth/);
    for (const s of SERVICES) {
      expect(service(`temporal-${s}`)).toMatch(
        s === 'history' ? /TEMPORAL_SERVICE: history/ : new RegExp(`TEMPORAL_SERVICE: ${s}`),
      );
    }
  });

  it('every variable the config reads without a default is given by both', () => {
    const read = [...clusterYaml.matchAll(/env "([A-Z_]+)"/g)].map((m) => m[1]);
    const withDefault = new Set(
      // `default "x" (env "V")`, or `default (…) (env "V")` where the default is an expression.
      [...clusterYaml.matchAll(/(?:default "[^"]*"|\)) \(env "([A-Z_]+)"\)/g)].map((m) => m[1]),
    );
    const required = [...new Set(read)].filter((v) => !withDefault.has(v)).sort();
    expect(required).toEqual(['TEMPORAL_DB_PASSWORD', 'TEMPORAL_DB_USER']);
    const dbVars = (text: string): string[] =>
      [...new Set([...text.matchAll(/\b(TEMPORAL_DB_[A-Z]+)\b/g)].map((m) => m[1]))].sort();
    expect(dbVars(compose)).toEqual([
      'TEMPORAL_DB_HOST',
      'TEMPORAL_DB_PASSWORD',
      'TEMPORAL_DB_PORT',
      'TEMPORAL_DB_USER',
    ]);
    expect(dbVars(up)).toEqual(dbVars(compose));
    for (const v of read) {
      expect(/^TEMPORAL_[A-Z_]+$/.test(v)).toBe(true);
    }
  });

  it('API and workers reach the frontend in both', () => {
    expect(compose).toMatch(/TEMPORAL_ADDRESS: temporal-frontend:7233/);
    expect(up).toMatch(/TEMPORAL_FRONTEND_PORT="\$TEMPORAL_PORT"/);
    expect(up).toMatch(/export TEMPORAL_ADDRESS="127\.0\.0\.1:\$TEMPORAL_PORT"/);
  });
});
