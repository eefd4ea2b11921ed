import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OrganisationType, UserRole } from './identity.constants';
import { IdentityRepository, type NewOrganisation } from './identity.repository';
import { hashPassword, verifyPassword } from './password-hashing';

/**
 * Demo organisations and accounts for the embedded default: two host countries (SE, NO), each
 * with an NGO, a shelter and a national coordination team, and a receiving organisation in a
 * country of return (RO). Names are invented; no real organisation or person is meant.
 */
const ORGANISATIONS: readonly NewOrganisation[] = [
  ...(['se', 'no'] as const).flatMap((cc) => {
    const country = cc.toUpperCase();
    return [
      { id: `${cc}-ngo-1`, country, type: 'ngo' as const, name: `Demo NGO (${country})` },
      {
        id: `${cc}-shelter-1`,
        country,
        type: 'shelter' as const,
        name: `Demo shelter (${country})`,
      },
      {
        id: `${cc}-nc`,
        country,
        type: 'national-coordinator' as const,
        name: `Demo national coordination (${country})`,
      },
    ];
  }),
  {
    id: 'ro-recv-1',
    country: 'RO',
    type: 'receiving-organisation',
    name: 'Demo receiving organisation (RO)',
  },
];

interface DemoUser {
  readonly id: string;
  readonly organisationId: string;
  readonly role: UserRole;
  readonly displayName: string;
}

function demoUsers(): DemoUser[] {
  const byOrg = (id: string, type: OrganisationType): DemoUser[] => {
    switch (type) {
      case 'ngo':
      case 'shelter':
      case 'receiving-organisation':
        return [
          {
            id: `${id}-cw-1`,
            organisationId: id,
            role: 'caseworker',
            displayName: 'Demo caseworker 1',
          },
          {
            id: `${id}-cw-2`,
            organisationId: id,
            role: 'caseworker',
            displayName: 'Demo caseworker 2',
          },
          {
            id: `${id}-sup`,
            organisationId: id,
            role: 'supervisor',
            displayName: 'Demo supervisor',
          },
        ];
      case 'national-coordinator': {
        const cc = id.slice(0, 2);
        return (['coordinator', 'admin', 'auditor'] as const).map((role) => ({
          id: `${cc}-${role}`,
          organisationId: id,
          role,
          displayName: `Demo ${role}`,
        }));
      }
      default:
        return [];
    }
  };
  return ORGANISATIONS.flatMap((o) => byOrg(o.id, o.type));
}

export interface DemoAccount {
  readonly login: string;
  readonly role: UserRole;
  readonly organisationId: string;
  readonly country: string;
  /**
   * The password set in this run, or the given demo password where it still opens the existing
   * account; null when the account keeps a password this run does not know.
   */
  readonly password: string | null;
}

export interface DemoSeedOptions {
  /** One password for every new demo account; otherwise each gets a random one. */
  readonly password?: string;
  /** Also give existing demo accounts a new password (when the printed ones were lost). */
  readonly resetPasswords?: boolean;
}

/** Creates what is missing and changes nothing that exists (unless resetPasswords): rerunnable. */
export async function seedDemo(
  ds: DataSource,
  options: DemoSeedOptions = {},
): Promise<DemoAccount[]> {
  const countryOf = new Map(ORGANISATIONS.map((o) => [o.id, o.country]));
  return ds.transaction(async (manager) => {
    const repo = new IdentityRepository(manager);
    for (const org of ORGANISATIONS) await repo.insertOrganisationIfAbsent(org);
    const accounts: DemoAccount[] = [];
    for (const u of demoUsers()) {
      const existing = await repo.findUserById(u.id);
      let password: string | null = null;
      if (!existing || options.resetPasswords) {
        password = options.password ?? randomBytes(15).toString('base64url');
        const passwordHash = await hashPassword(password);
        if (existing) await repo.updatePasswordHash(u.id, passwordHash);
        else {
          const user = { ...u, login: u.id, passwordHash, active: true };
          // Another account already holds this login: leave it alone, promise no password.
          if (!(await repo.insertUserIfAbsent(user))) password = null;
        }
      } else if (options.password && existing.passwordHash) {
        // Rerun with the machine's demo password: show it again where it still opens the account.
        const still = await verifyPassword(existing.passwordHash, options.password);
        password = still ? options.password : null;
      }
      accounts.push({
        login: existing?.login ?? u.id,
        role: u.role,
        organisationId: u.organisationId,
        country: countryOf.get(u.organisationId) ?? '',
        password,
      });
    }
    return accounts;
  });
}
