import { DEFAULT_POLICIES } from './countries';
import { type CountryPolicy, type PolicyCountry, policyProblems } from './policy';

/**
 * The policies in force: the defaults, replaced per country by configured overrides.
 * Overrides are validated as a whole; an invalid one is refused, never half-applied.
 */
export class PolicyRegistry {
  private readonly policies = new Map<PolicyCountry, CountryPolicy>();

  constructor(
    overrides: readonly CountryPolicy[] = [],
    options: { allowTestPolicies?: boolean } = {},
  ) {
    for (const p of Object.values(DEFAULT_POLICIES)) this.policies.set(p.country, p);
    for (const p of overrides) {
      if (p.testOnly && !options.allowTestPolicies) {
        throw new Error(`Policy ${p.country}: test policies are not allowed here`);
      }
      const problems = policyProblems(p);
      if (problems.length > 0) throw new Error(`Policy ${p.country}: ${problems.join('; ')}`);
      this.policies.set(p.country, p);
    }
  }

  get(country: PolicyCountry): CountryPolicy | undefined {
    return this.policies.get(country);
  }

  countries(): PolicyCountry[] {
    return [...this.policies.keys()];
  }
}
