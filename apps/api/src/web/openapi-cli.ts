import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module';
import { openApiConfig } from '../bootstrap';

/**
 * Writes the API's OpenAPI document without a database, Temporal or a listening port: preview
 * mode builds the module graph and reads the routes' metadata but instantiates no provider.
 * Used by `npm run api:types` (the web client's types) and `npm run api:types:check` (CI).
 * Usage: node dist/apps/api/src/web/openapi-cli.js <out.json>
 */
async function main(out: string): Promise<void> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false });
  // The same prefix and versioning as bootstrap.ts, so that paths match what the API serves.
  app.setGlobalPrefix('api', { exclude: ['health', 'health/ready', 'health/live'] });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  const doc = SwaggerModule.createDocument(app, openApiConfig());
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  await app.close();
}

main(process.argv[2] ?? 'apps/web/openapi.json').catch((e: unknown) => {
  process.stderr.write(`OpenAPI document failed: ${e instanceof Error ? e.message : 'unknown'}\n`);
  process.exit(1);
});
