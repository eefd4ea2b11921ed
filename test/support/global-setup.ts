import { createTestDatabase, startTemporal, type TemporalDevServer } from './services';
import { TEST_AUDIT_KEYS, TEST_MASTER_KEY, TEST_PAYLOAD_KEYS } from './test-keys';

interface Shared {
  users: number;
  temporal: Pick<TemporalDevServer, 'address' | 'stop'>;
  db: { url: string; drop(): Promise<void> };
}
const g = globalThis as typeof globalThis & { __ariadneServices?: Shared };

/**
 * One Temporal dev server and one migrated database for the whole run, shared by the int and e2e
 * projects (Jest calls this once per project; the second call reuses the first's services).
 */
export default async function globalSetup(): Promise<void> {
  if (!g.__ariadneServices) {
    // ARIADNE_TEST_TEMPORAL_ADDRESS runs the suite against a Temporal that is already running
    // (the cluster of `npm run up -- --cluster`), left running afterwards; else a dev server.
    const external = process.env.ARIADNE_TEST_TEMPORAL_ADDRESS;
    const [temporal, db] = await Promise.all([
      external ? { address: external, stop: async () => undefined } : startTemporal(),
      createTestDatabase(),
    ]);
    g.__ariadneServices = { users: 0, temporal, db };
  }
  g.__ariadneServices.users += 1;
  // Tests that need a database of their own create it next to the base one.
  process.env.ARIADNE_TEST_BASE_DATABASE_URL ??= process.env.DATABASE_URL;
  process.env.TEMPORAL_ADDRESS = g.__ariadneServices.temporal.address;
  process.env.ARIADNE_PAYLOAD_KEYS = TEST_PAYLOAD_KEYS;
  process.env.ARIADNE_MASTER_KEY = TEST_MASTER_KEY;
  process.env.ARIADNE_AUDIT_KEYS = TEST_AUDIT_KEYS;
  process.env.DATABASE_URL = g.__ariadneServices.db.url;
}
