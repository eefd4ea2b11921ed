/**
 * Creates the demo organisations and accounts and prints their logins and passwords as a table:
 *   node dist/libs/persistence/src/identity/seed-demo.js [--reset-passwords]
 * ARIADNE_DEMO_PASSWORD sets one password for every new account; otherwise each gets a random one.
 * The passwords go to stdout only, for the person starting the demo; they are never logged.
 */
import { loadConfig } from '@ariadne/config';
import { securityConfigFromEnv, totpSecretBox } from '@ariadne/security';
import { createDataSource } from '../data-source';
import { type DemoAccount, demoTotpSecret, seedDemo } from './demo-seed';

const MIN_DEMO_PASSWORD_LENGTH = 12;

/** The accounts as a table, one block per country under its code, so each finds her own. */
function table(accounts: readonly DemoAccount[]): string {
  const header = ['login', 'password', 'role', 'organisation', 'code'];
  const rowOf = (a: DemoAccount): string[] => [
    a.login,
    a.password ?? '(unchanged)',
    a.role,
    a.organisationId,
    a.secondFactor ? 'npm run demo:code' : '',
  ];
  const widths = header.map((_, i) =>
    Math.max(header[i]!.length, ...accounts.map((a) => rowOf(a)[i]!.length)),
  );
  const line = (r: readonly string[]): string =>
    `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  const countries = [...new Set(accounts.map((a) => a.country))].sort();
  return [
    line(header),
    ...countries.flatMap((country) => [
      '',
      `${country}:`,
      ...accounts.filter((a) => a.country === country).map((a) => line(rowOf(a))),
    ]),
  ].join('\n');
}

async function main(): Promise<void> {
  // Demo accounts with printed passwords have no place on a production system.
  if (process.env.NODE_ENV === 'production') {
    throw new Error('refusing to create demo accounts when NODE_ENV=production');
  }
  const password = process.env.ARIADNE_DEMO_PASSWORD || undefined;
  if (password !== undefined && password.length < MIN_DEMO_PASSWORD_LENGTH) {
    throw new Error(
      `ARIADNE_DEMO_PASSWORD must be at least ${MIN_DEMO_PASSWORD_LENGTH} characters`,
    );
  }
  const ds = await createDataSource(loadConfig().DATABASE_URL).initialize();
  try {
    // Supervisors, admins and auditors sign in with a second factor: all with one demo secret.
    const box = totpSecretBox(securityConfigFromEnv().masterKeys);
    const accounts = await seedDemo(ds, {
      password,
      resetPasswords: process.argv.includes('--reset-passwords'),
      totp: { secret: demoTotpSecret(), seal: (userId, secret) => box.seal(userId, secret) },
    });
    process.stdout.write(`Demo accounts (for trying Ariadne out; never for real cases):\n\n`);
    process.stdout.write(`${table(accounts)}\n\n`);
    if (accounts.some((a) => a.password === null)) {
      process.stdout.write(
        '(unchanged): the account existed; rerun with --reset-passwords for new passwords.\n',
      );
    }
    process.stdout.write(
      'code: after the password, type the six-digit code `npm run demo:code` prints ' +
        '(one demo TOTP secret for all; README "Signing in to the demo").\n',
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`Demo seed failed: ${e instanceof Error ? e.message : 'unknown error'}\n`);
  process.exit(1);
});
