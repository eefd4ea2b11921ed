import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '@ariadne/config';

/** One Temporal client per API process, closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [APP_CONFIG],
      useFactory: async (c: AppConfig) =>
        new Client({
          connection: await Connection.connect({ address: c.TEMPORAL_ADDRESS }),
          namespace: c.TEMPORAL_NAMESPACE,
        }),
    },
  ],
  exports: [Client],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
  }
}
