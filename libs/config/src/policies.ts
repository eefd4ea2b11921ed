import { readFileSync } from 'node:fs';
import { type CountryPolicy, PolicyRegistry } from '@ariadne/domain';
import type { AppConfig } from './config';

/** The policy registry for this process: defaults plus the overrides file, validated whole. */
export function loadPolicies(config: AppConfig): PolicyRegistry {
  let overrides: CountryPolicy[] = [];
  if (config.ARIADNE_POLICY_FILE) {
    const parsed: unknown = JSON.parse(readFileSync(config.ARIADNE_POLICY_FILE, 'utf8'));
    if (!Array.isArray(parsed))
      throw new Error('ARIADNE_POLICY_FILE must hold a JSON array of policies');
    overrides = parsed as CountryPolicy[];
  }
  return new PolicyRegistry(overrides, { allowTestPolicies: config.ARIADNE_ALLOW_TEST_POLICIES });
}
