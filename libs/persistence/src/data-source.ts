import { DataSource, type DataSourceOptions } from 'typeorm';
import { CaseEventEntity } from './entities/case-event.entity';
import { CaseSummaryEntity } from './entities/case-summary.entity';
import { EventStore1764356400000 } from './migrations/1764356400000-event-store';
import { OrganisationEntity } from './identity/organisation.entity';
import { UserEntity } from './identity/user.entity';
import { Identity1764361000000 } from './migrations/1764361000000-identity';
import { CaseKeys1764360000000 } from './migrations/1764360000000-case-keys';
import { JourneyReadModels1764363000000 } from './migrations/1764363000000-journey-read-models';
import { NotificationEntity } from './entities/notification.entity';
import { AuditLogEntity } from './audit/audit-log.entity';
import { Audit1764362000000 } from './migrations/1764362000000-audit';
import { BoardIndexes1764364000000 } from './migrations/1764364000000-board-indexes';
import { SessionsAndLocale1764365200000 } from './migrations/1764365200000-sessions-and-locale';
import { CaseListReferencesBlindIndex1764370000000 } from './migrations/1764370000000-case-list-references-blind-index';
import { OutboxAndMail1764380000000 } from './migrations/1764380000000-outbox-and-mail';
import { AccountsAdministration1764390000000 } from './migrations/1764390000000-accounts-administration';
import { AuditKeyedChain1764400000000 } from './migrations/1764400000000-audit-keyed-chain';
import { ReferralIndex1764405000000 } from './migrations/1764405000000-referral-index';
import { Htcds1796617055586 } from './migrations/1796617055586-htcds';
import { PartnersAndTransfers1796617185749 } from './migrations/1796617185749-partners-and-transfers';
import { PartnerFactIndex1796619425780 } from './migrations/1796619425780-partner-fact-index';
import { SessionAuthTime1796616803740 } from './migrations/1796616803740-session-auth-time';
import { SecondFactor1796616791834 } from './migrations/1796616791834-second-factor';
import { PasskeyIdCheck1796618676942 } from './migrations/1796618676942-passkey-id-check';
import { IndicatorIndex1796617987509 } from './migrations/1796617987509-indicator-index';
import { AppendFunction1796648273177 } from './migrations/1796648273177-append-function';
import { AppendFunctionUpdate1796651432503 } from './migrations/1796651432503-append-function-update';
import { AuditChainHead1796657925895 } from './migrations/1796657925895-audit-chain-head';
import { CaseDimensionCounts1796657470367 } from './migrations/1796657470367-case-dimension-counts';
import { CaseSummariesFillfactor1796658495443 } from './migrations/1796658495443-case-summaries-fillfactor';
import { ProjectionCheckpoints1796648329771 } from './migrations/1796648329771-projection-checkpoints';
import { BoardCounts1796648476697 } from './migrations/1796648476697-board-counts';
import { BoardCountsAttach1796649358006 } from './migrations/1796649358006-board-counts-attach';

export const ENTITIES = [
  CaseEventEntity,
  CaseSummaryEntity,
  OrganisationEntity,
  UserEntity,
  AuditLogEntity,
  NotificationEntity,
];
export const MIGRATIONS = [
  EventStore1764356400000,
  CaseKeys1764360000000,
  Identity1764361000000,
  Audit1764362000000,
  JourneyReadModels1764363000000,
  BoardIndexes1764364000000,
  SessionsAndLocale1764365200000,
  CaseListReferencesBlindIndex1764370000000,
  OutboxAndMail1764380000000,
  AccountsAdministration1764390000000,
  AuditKeyedChain1764400000000,
  ReferralIndex1764405000000,
  Htcds1796617055586,
  PartnersAndTransfers1796617185749,
  PartnerFactIndex1796619425780,
  SessionAuthTime1796616803740,
  SecondFactor1796616791834,
  PasskeyIdCheck1796618676942,
  IndicatorIndex1796617987509,
  AppendFunction1796648273177,
  ProjectionCheckpoints1796648329771,
  BoardCounts1796648476697,
  BoardCountsAttach1796649358006,
  AppendFunctionUpdate1796651432503,
  CaseDimensionCounts1796657470367,
  AuditChainHead1796657925895,
  CaseSummariesFillfactor1796658495443,
];

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
