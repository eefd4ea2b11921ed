import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { UserRole } from './identity.constants';
import { IdentityRepository, type NewOrganisation } from './identity.repository';
import { hashPassword, verifyPassword } from './password-hashing';
import { ROLES_REQUIRING_SECOND_FACTOR } from './identity.constants';

/** The eight countries of the Nordic–Baltic network. */
export const DEMO_COUNTRIES = ['DK', 'EE', 'FI', 'IS', 'LV', 'LT', 'NO', 'SE'] as const;

/** What a demo organisation is for: it decides which accounts it gets. */
type DemoKind = 'ngo' | 'shelter' | 'national-coordination' | 'receiving';

interface DemoOrganisation extends NewOrganisation {
  readonly kind: DemoKind;
}

/**
 * Demo organisations and accounts for the embedded default: each country of the network with
 * an NGO, a shelter and a national coordination team, and a receiving organisation in a
 * country of return (RO), so that a newcomer from any of them can try Ariadne under her own
 * country's policy. Names are invented; no real organisation or person is meant. The ids (and
 * so the logins) of the first SE and NO accounts are those the tests use: never rename them.
 */
const ORGANISATIONS: readonly DemoOrganisation[] = [
  ...DEMO_COUNTRIES.flatMap((country): DemoOrganisation[] => {
    const cc = country.toLowerCase();
    return [
      { id: `${cc}-ngo-1`, country, type: 'NGO', kind: 'ngo', name: `Demo NGO (${country})` },
      {
        id: `${cc}-shelter-1`,
        country,
        type: 'NGO',
        kind: 'shelter',
        name: `Demo shelter (${country})`,
      },
      {
        id: `${cc}-nc`,
        country,
        type: 'CentralGovernmentOrganisation',
        kind: 'national-coordination',
        name: `Demo national coordination (${country})`,
      },
    ];
  }),
  {
    id: 'ro-recv-1',
    country: 'RO',
    type: 'NGO',
    kind: 'receiving',
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
  const byOrg = (id: string, kind: DemoKind): DemoUser[] => {
    switch (kind) {
      case 'ngo':
      case 'shelter':
      case 'receiving':
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
      case 'national-coordination': {
        const cc = id.slice(0, 2);
        return (['coordinator', 'admin', 'auditor'] as const).map((role) => ({
          id: `${cc}-${role}`,
          organisationId: id,
          role,
          displayName: `Demo ${role}`,
        }));
      }
    }
  };
  return ORGANISATIONS.flatMap((o) => byOrg(o.id, o.kind));
}

/** A demo account's address: a reserved domain (RFC 2606) that never reaches a real inbox. */
export function demoEmail(login: string): string {
  return `${login}@ariadne-demo.example`;
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
  /** She signs in with a code of the demo TOTP secret too (`npm run demo:code`). */
  readonly secondFactor: boolean;
}

/**
 * The one TOTP secret of every demo account that must use a second factor, so that a newcomer
 * can sign in (`npm run demo:code` prints its current code). ARIADNE_DEMO_TOTP_SECRET overrides
 * it; the demo seeder alone reads it, and demo accounts never exist in production.
 */
export const DEFAULT_DEMO_TOTP_SECRET = 'ARIADNE2DEMO2TOTP2SECRET2NOTREAL';

export function demoTotpSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.ARIADNE_DEMO_TOTP_SECRET?.trim().toUpperCase() || DEFAULT_DEMO_TOTP_SECRET;
  if (!/^[A-Z2-7]{16,64}$/.test(secret)) {
    throw new Error('ARIADNE_DEMO_TOTP_SECRET must be base32 (A–Z, 2–7), 16 to 64 characters');
  }
  return secret;
}

export interface DemoSeedOptions {
  /** One password for every new demo account; otherwise each gets a random one. */
  readonly password?: string;
  /** Also give existing demo accounts a new password (when the printed ones were lost). */
  readonly resetPasswords?: boolean;
  /**
   * Enrols the accounts that must use a second factor (by role, or their organisation's rule)
   * with TOTP under this secret, sealed by `seal` as the API seals it. Left out: no enrolment.
   */
  readonly totp?: {
    readonly secret: string;
    seal(userId: string, secret: string): string;
  };
}

/** Creates what is missing and changes nothing that exists (unless resetPasswords): rerunnable. */
export async function seedDemo(
  ds: DataSource,
  options: DemoSeedOptions = {},
): Promise<DemoAccount[]> {
  const countryOf = new Map(ORGANISATIONS.map((o) => [o.id, o.country]));
  return ds.transaction(async (manager) => {
    const repo = new IdentityRepository(manager);
    for (const org of ORGANISATIONS) {
      const { id, country, type, name } = org;
      await repo.insertOrganisationIfAbsent({ id, country, type, name });
    }
    const accounts: DemoAccount[] = [];
    // One shared password: one hash for all (argon2 costs ~0.1 s, and there are 75 accounts).
    const sharedHash = options.password ? hashPassword(options.password) : undefined;
    // Accounts given the shared password share its hash: check each distinct hash once.
    const checked = new Map<string, Promise<boolean>>();
    for (const u of demoUsers()) {
      const existing = await repo.findUserById(u.id);
      let password: string | null = null;
      if (!existing || options.resetPasswords) {
        password = options.password ?? randomBytes(15).toString('base64url');
        const passwordHash = await (sharedHash ?? hashPassword(password));
        if (existing) await repo.updatePasswordHash(u.id, passwordHash);
        else {
          const user = { ...u, login: u.id, email: demoEmail(u.id), passwordHash, active: true };
          // Another account already holds this login: leave it alone, promise no password.
          if (!(await repo.insertUserIfAbsent(user))) password = null;
        }
      } else if (options.password && existing.passwordHash) {
        // Rerun with the machine's demo password: show it again where it still opens the account.
        const known = checked.get(existing.passwordHash);
        const check = known ?? verifyPassword(existing.passwordHash, options.password);
        checked.set(existing.passwordHash, check);
        const still = await check;
        password = still ? options.password : null;
      }
      // Accounts seeded before e-mail addresses existed get theirs (invitations, resets).
      if (existing && existing.email === null) await repo.setEmailIfAbsent(u.id, demoEmail(u.id));
      const secondFactor =
        options.totp !== undefined &&
        (ROLES_REQUIRING_SECOND_FACTOR.includes(u.role) ||
          (await repo.findOrganisationById(u.organisationId))?.requireSecondFactor === true);
      if (secondFactor && options.totp) {
        // An account that set up its own factor keeps it.
        await manager.query(
          `INSERT INTO totp_factors (user_id, secret_sealed, confirmed_at) VALUES ($1, $2, now())
           ON CONFLICT (user_id) DO NOTHING`,
          [u.id, options.totp.seal(u.id, options.totp.secret)],
        );
      }
      accounts.push({
        secondFactor,
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
