import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, type AppConfig, temporalConnectConfig } from '@ariadne/config';
import { SECURITY_CONFIG, type SecurityConfig, temporalDataConverter } from '@ariadne/security';

/** One Temporal client per API process, closed on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: Client,
      inject: [APP_CONFIG, SECURITY_CONFIG],
      useFactory: async (c: AppConfig, s: SecurityConfig) => {
        // TLS, mTLS, API key, namespace: Temporal's environment configuration, as the worker.
        const { connectionOptions, namespace } = temporalConnectConfig(c);
        return new Client({
          connection: await Connection.connect(connectionOptions),
          namespace,
          // Commands carry personal data: encrypted before they leave this process (P2).
          dataConverter: temporalDataConverter(s.payloadKeys),
        });
      },
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
