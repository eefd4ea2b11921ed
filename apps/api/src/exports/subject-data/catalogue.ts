import { LOCALES, type Locale } from '@ariadne/persistence';
import da from './i18n/da.json';
import en from './i18n/en.json';
import et from './i18n/et.json';
import fi from './i18n/fi.json';
import is from './i18n/is.json';
import lt from './i18n/lt.json';
import lv from './i18n/lv.json';
import nb from './i18n/nb.json';
import sv from './i18n/sv.json';

/**
 * The server-side catalogue of the subject-data export (GDPR Art. 15, 20): the headings, labels,
 * category and field names, the plain-words sentence of each event type and her rights, in the
 * nine languages of the product. Kept apart from the mail catalogue: it speaks to her, not to
 * staff. Machine-drafted like the others (each file's `_note`).
 */
export const SUBJECT_DATA_CATALOGUES: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en,
  da,
  et,
  fi,
  is,
  lt,
  lv,
  nb,
  sv,
};

export const SUBJECT_DATA_LANGUAGES = LOCALES;

/** The message of `key` in `locale`, its `{name}` placeholders filled; throws on a missing key. */
export function message(
  locale: Locale,
  key: string,
  params: Readonly<Record<string, string>> = {},
): string {
  const text = SUBJECT_DATA_CATALOGUES[locale][key];
  if (text === undefined) throw new Error(`subject-data catalogue ${locale}: no message ${key}`);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** The message of `key` when the catalogue has one (event types, fields), else undefined. */
export function optionalMessage(locale: Locale, key: string): string | undefined {
  return SUBJECT_DATA_CATALOGUES[locale][key];
}
