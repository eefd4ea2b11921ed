import { type ClientConnectConfig, loadClientConnectConfig } from '@temporalio/envconfig';
import type { AppConfig } from './config';

/**
 * How the API and the worker connect to Temporal, the same for both: Temporal's own environment
 * configuration (`@temporalio/envconfig`): TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY,
 * TEMPORAL_TLS, TEMPORAL_TLS_CLIENT_CERT_PATH / _KEY_PATH (mTLS), TEMPORAL_TLS_SERVER_CA_CERT_PATH,
 * TEMPORAL_TLS_SERVER_NAME, TEMPORAL_GRPC_META_*, or a profile (TEMPORAL_PROFILE) of a TOML file
 * (TEMPORAL_CONFIG_FILE, else Temporal's default location) — the same settings the `temporal`
 * CLI reads. Without any of them: the validated defaults (the embedded dev server on loopback).
 */
export function temporalConnectConfig(
  config: Pick<AppConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE'>,
  env: NodeJS.ProcessEnv = process.env,
): Required<ClientConnectConfig> {
  const overrideEnvVars = Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
    ),
  );
  const loaded = loadClientConnectConfig({ overrideEnvVars });
  return {
    connectionOptions: {
      ...loaded.connectionOptions,
      address: loaded.connectionOptions.address || config.TEMPORAL_ADDRESS,
    },
    namespace: loaded.namespace || config.TEMPORAL_NAMESPACE,
  };
}
