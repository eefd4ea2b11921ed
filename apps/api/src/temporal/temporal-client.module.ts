import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import { APP_CONFIG, type AppConfig, temporalConnectConfig } from '@ariadne/config';
import {
  SECURITY_CONFIG,
  type SecurityConfig,
  startTracing,
  stopTracing,
  temporalDataConverter,
} from '@ariadne/security';

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
        // Traces (off without an endpoint): starts, updates and queries carry the request's
        // trace to the workflow in Temporal headers (libs/security/src/tracing.ts).
        const tracing = startTracing(c, 'ariadne-api');
        return new Client({
          connection: await Connection.connect(connectionOptions),
          namespace,
          // Commands carry personal data: encrypted before they leave this process (P2).
          dataConverter: temporalDataConverter(s.payloadKeys),
          ...(tracing && {
            interceptors: {
              workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer: tracing.tracer })],
            },
          }),
        });
      },
    },
  ],
  exports: [Client],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(
    @Inject(Client) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.client.connection.close();
    // Sends the spans still buffered.
    await stopTracing(this.config, 'ariadne-api');
  }
}
