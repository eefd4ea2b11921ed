// Regenerates apps/api/src/auth/breached-passwords.ts from the passwords.json of
// @zxcvbn-ts/language-common (MIT), fetched with the ordinary npm client into a scratch folder:
//   (cd /tmp && npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz)
//   node scripts/breached-passwords.mjs /tmp/package/src/passwords.json
import { readFileSync, writeFileSync } from 'node:fs';

const [source] = process.argv.slice(2);
if (!source) throw new Error('usage: node scripts/breached-passwords.mjs path/to/passwords.json');
const ranked = JSON.parse(readFileSync(source, 'utf8'));
// The top 10,000, and every longer entry: those are the ones the length rule lets through.
const chosen = [...ranked.slice(0, 10000), ...ranked.filter((p) => p.length >= 12)];
const list = [...new Set(chosen.map((p) => p.toLowerCase()))].filter((p) => !/[`\\$\s]/.test(p));
const header = readFileSync('apps/api/src/auth/breached-passwords.ts', 'utf8').split('export ')[0];
writeFileSync(
  'apps/api/src/auth/breached-passwords.ts',
  `${header}export const BREACHED_PASSWORDS = \`\n${list.join('\n')}\n\`;\n`,
);
process.stdout.write(`${list.length} passwords\n`);
