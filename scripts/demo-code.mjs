#!/usr/bin/env node
/**
 * Prints the current six-digit code of the demo TOTP secret (`npm run demo:code`), for signing in
 * to the demo as a supervisor, admin or auditor (README "Signing in to the demo"). Demo only: the
 * secret is ARIADNE_DEMO_TOTP_SECRET, else DEFAULT_DEMO_TOTP_SECRET of
 * libs/persistence/src/identity/demo-seed.ts (the same value as here).
 */
import { generate } from 'otplib';

const DEFAULT_DEMO_TOTP_SECRET = 'ARIADNE2DEMO2TOTP2SECRET2NOTREAL';
const secret = (
  process.env.ARIADNE_DEMO_TOTP_SECRET?.trim() || DEFAULT_DEMO_TOTP_SECRET
).toUpperCase();
if (!/^[A-Z2-7]{16,64}$/.test(secret)) {
  process.stderr.write('ARIADNE_DEMO_TOTP_SECRET must be base32 (A–Z, 2–7), 16 to 64 characters\n');
  process.exit(1);
}
const now = Math.floor(Date.now() / 1000);
const code = await generate({ secret, epoch: now });
const left = 30 - (now % 30);
process.stdout.write(`${code}\n`);
process.stderr.write(`(valid for ${left} more seconds; each code signs in once)\n`);
