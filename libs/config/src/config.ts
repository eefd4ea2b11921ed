import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * Everything the API and the worker read from the environment, validated at start-up.
 * Secrets come only from the environment; nothing here has a secret default.
 */
export class AppConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  TEMPORAL_ADDRESS: string = '127.0.0.1:7233';

  @IsString()
  TEMPORAL_NAMESPACE: string = 'default';

  @IsString()
  TEMPORAL_TASK_QUEUE: string = 'ariadne-cases';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT: number = 3000;

  /** Loopback by default: the embedded default is not meant to face a network unprotected. */
  @IsString()
  API_HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** A JSON file of country policy overrides (see docs/policies.md). */
  @IsOptional()
  @IsString()
  ARIADNE_POLICY_FILE?: string;

  /** Allows test-only policies (country ZZ, durations in seconds). Never in production. */
  @Transform(toBool)
  @IsBoolean()
  ARIADNE_ALLOW_TEST_POLICIES: boolean = false;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Unset and empty variables alike fall back to the defaults.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const config = plainToInstance(AppConfig, given);
  // whitelist drops every variable that is not ours, so no other secret is carried along.
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ') || 'invalid'}`,
    );
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
