/** Runs pending migrations: `npm run migration:run` (node dist/libs/persistence/src/migrate.js). */
import { loadConfig } from '@ariadne/config';
import { migrate } from './migrations';

migrate(loadConfig().DATABASE_URL)
  .then((names) => {
    process.stdout.write(names.length ? `Applied: ${names.join(', ')}\n` : 'Schema is current.\n');
  })
  .catch((e: unknown) => {
    process.stderr.write(`Migration failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
