import { DataSource, type DataSourceOptions } from 'typeorm';
import { CaseEventEntity } from './entities/case-event.entity';
import { CaseSummaryEntity } from './entities/case-summary.entity';
import { EventStore1764356400000 } from './migrations/1764356400000-event-store';

export const ENTITIES = [CaseEventEntity, CaseSummaryEntity];
export const MIGRATIONS = [EventStore1764356400000];

/** One explicit data source. The schema changes only through migrations, never `synchronize`. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: { max: 10, application_name: 'ariadne' },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
