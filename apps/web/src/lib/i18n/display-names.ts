import type { IntlShape } from 'react-intl';

/**
 * A language (BCP 47) or region (ISO 3166-1 alpha-2) code named in the user's language by Intl
 * ("ro" → "Romanian", "rumänska"), or the code itself when Intl cannot name it.
 */
export function displayName(intl: IntlShape, type: 'language' | 'region', code: string): string {
  try {
    return new Intl.DisplayNames([intl.locale], { type, fallback: 'code' }).of(code) ?? code;
  } catch {
    return code; // not a well-formed code
  }
}

/** Fields of her details that hold codes, and what kind of code each holds. */
const CODED_FIELDS: Readonly<Record<string, 'language' | 'region'>> = {
  language: 'language',
  nationality: 'region',
  destinationCountry: 'region',
};

/** A value of her details as the screen shows it: codes by name, anything else as recorded. */
export function detailValue(intl: IntlShape, field: string, value: string): string {
  const type = CODED_FIELDS[field];
  return type ? displayName(intl, type, value) : value;
}
