import 'reflect-metadata';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApi();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.API_PORT, config.API_HOST);
}

main().catch((e: unknown) => {
  process.stderr.write(`API failed to start: ${e instanceof Error ? e.message : 'unknown'}\n`);
  process.exit(1);
});
