import { createDataSource } from './data-source';

/** Applies pending migrations, each in one transaction with the rest; returns their names. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const ds = createDataSource(databaseUrl);
  await ds.initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'all' });
    return ran.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
