// Checks the web application's message catalogues (apps/web/src/i18n/<lang>.json, flat keys,
// ICU MessageFormat). Fails when:
//   - a language's catalogue is missing, lacks an English key or has a key English does not;
//   - a message does not parse, or its placeholders (name and kind) differ from English;
//   - an English key is used nowhere in apps/web/src (as a string literal) and belongs to no
//     declared family of run-time keys (src/i18n/dynamic-keys.json, e.g. "phase" → phase.*);
//   - the source uses an id (`id: '…'`, `id="…"`) that English does not have;
//   - status.json does not give each translation a known review status.
// Usage: check-catalogues.mjs [srcDir=apps/web/src]. Prints one line per problem (never a message's text) and a summary.
import fs from 'node:fs';
import path from 'node:path';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';

const root = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', 'apps/web/src'));
const dir = path.join(root, 'i18n');
const LANGS = ['en', 'da', 'et', 'fi', 'is', 'lv', 'lt', 'nb', 'sv'];
const STATUSES = ['source', 'untranslated', 'machine-drafted', 'reviewed'];
const problems = [];

function read(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The placeholders of one message: `name:kind`, nested plural/select branches and tags included. */
function placeholders(message) {
  const out = new Set();
  const walk = (elements) => {
    for (const el of elements) {
      if (el.type === TYPE.argument) out.add(`${el.value}:argument`);
      else if (el.type === TYPE.number) out.add(`${el.value}:number`);
      else if (el.type === TYPE.date) out.add(`${el.value}:date`);
      else if (el.type === TYPE.time) out.add(`${el.value}:time`);
      else if (el.type === TYPE.select || el.type === TYPE.plural) {
        out.add(`${el.value}:${el.type === TYPE.select ? 'select' : 'plural'}`);
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.tag) {
        out.add(`<${el.value}>:tag`);
        walk(el.children);
      }
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return [...out].sort().join(',');
}

const catalogues = {};
for (const lang of LANGS) {
  const file = path.join(dir, `${lang}.json`);
  if (!fs.existsSync(file))
    problems.push(`${lang}: no catalogue (${path.relative(process.cwd(), file)})`);
  else catalogues[lang] = read(file);
}
const en = catalogues.en ?? {};
const enShapes = {};
for (const [key, message] of Object.entries(en)) {
  if (typeof message !== 'string') {
    problems.push(`en: ${key} is not a string (keys are flat)`);
    continue;
  }
  try {
    enShapes[key] = placeholders(message);
  } catch (e) {
    problems.push(`en: ${key} does not parse as ICU (${e.message})`);
  }
}

for (const lang of LANGS.filter((l) => l !== 'en' && catalogues[l])) {
  const cat = catalogues[lang];
  for (const key of Object.keys(en)) {
    if (!(key in cat)) problems.push(`${lang}: missing ${key}`);
  }
  for (const [key, message] of Object.entries(cat)) {
    if (!(key in en)) {
      problems.push(`${lang}: ${key} is not in English`);
      continue;
    }
    if (typeof message !== 'string') {
      problems.push(`${lang}: ${key} is not a string`);
      continue;
    }
    try {
      const shape = placeholders(message);
      if (enShapes[key] !== undefined && shape !== enShapes[key]) {
        problems.push(`${lang}: ${key} has placeholders {${shape}}, English {${enShapes[key]}}`);
      }
    } catch (e) {
      problems.push(`${lang}: ${key} does not parse as ICU (${e.message})`);
    }
  }
}

const status = fs.existsSync(path.join(dir, 'status.json'))
  ? read(path.join(dir, 'status.json'))
  : {};
for (const lang of LANGS) {
  if (!STATUSES.includes(status[lang])) {
    problems.push(`status.json: ${lang} needs one of ${STATUSES.join(', ')}`);
  }
}

// Used keys: any string literal of the source equal to a key (ids in formatMessage, <FormattedMessage>,
// and ids passed around as props such as labelId), plus whole declared families.
function sources(d, out = []) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
const literals = new Set();
const ids = new Map();
for (const file of sources(root)) {
  const text = fs.readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(['"`])([A-Za-z][\w.-]*)\1/g)) literals.add(m[2]);
  for (const m of text.matchAll(/\bid(?:=\{?|:\s*)(['"])([^'"]+)\1/g)) {
    ids.set(m[2], path.relative(process.cwd(), file));
  }
}
const families = read(path.join(dir, 'dynamic-keys.json')).prefixes;
for (const key of Object.keys(en)) {
  const inFamily = families.some((f) => key.startsWith(`${f}.`));
  if (!inFamily && !literals.has(key)) problems.push(`en: ${key} is not used in apps/web/src`);
}
for (const [id, file] of ids) {
  // Only message-like ids (a dot); element ids such as id="main" are not messages.
  if (id.includes('.') && !(id in en)) problems.push(`${file}: uses ${id}, which en.json lacks`);
}

if (problems.length) {
  for (const p of problems) console.log(p);
  console.log(`catalogues: ${problems.length} problem(s)`);
  process.exit(1);
}
const drafted = LANGS.filter((l) => status[l] !== 'reviewed' && l !== 'en');
console.log(
  `catalogues: ${Object.keys(en).length} keys in each of ${LANGS.length} languages; ` +
    `not yet reviewed by a native speaker: ${drafted.join(', ') || 'none'}`,
);
