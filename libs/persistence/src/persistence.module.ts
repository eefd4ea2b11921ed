import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';
import { CaseSummaryRepository } from './case-summaries';
import { createDataSource } from './data-source';
import { EventStore } from './event-store';
import { IdentityRepository } from './identity/identity.repository';
import { NotificationRepository } from './notifications';
import { CaseBoardQueries, CaseStatisticsQueries, CrossBorderReferralQueries } from './queries';

export const DATA_SOURCE = Symbol('DATA_SOURCE');

@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      useFactory: async (c: AppConfig) => createDataSource(c.DATABASE_URL).initialize(),
      inject: [APP_CONFIG],
    },
    {
      provide: EventStore,
      useFactory: (ds: DataSource) => new EventStore(ds),
      inject: [DATA_SOURCE],
    },
    {
      provide: CaseSummaryRepository,
      useFactory: (ds: DataSource) => new CaseSummaryRepository(ds),
      inject: [DATA_SOURCE],
    },
    {
      provide: IdentityRepository,
      useFactory: (ds: DataSource) => new IdentityRepository(ds),
      inject: [DATA_SOURCE],
    },
    {
      provide: CaseBoardQueries,
      useFactory: (ds: DataSource) => new CaseBoardQueries(ds),
      inject: [DATA_SOURCE],
    },
    {
      provide: CaseStatisticsQueries,
      useFactory: (ds: DataSource) => new CaseStatisticsQueries(ds),
      inject: [DATA_SOURCE],
    },
    {
      provide: CrossBorderReferralQueries,
      useFactory: (ds: DataSource) => new CrossBorderReferralQueries(ds),
      inject: [DATA_SOURCE],
    },
    {
      provide: NotificationRepository,
      useFactory: (ds: DataSource) => new NotificationRepository(ds),
      inject: [DATA_SOURCE],
    },
  ],
  exports: [
    DATA_SOURCE,
    EventStore,
    CaseSummaryRepository,
    IdentityRepository,
    CaseBoardQueries,
    CaseStatisticsQueries,
    CrossBorderReferralQueries,
    NotificationRepository,
  ],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
