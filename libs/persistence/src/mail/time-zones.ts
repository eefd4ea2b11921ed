/**
 * The time zone of an organisation's country, for due dates in messages and the daily digest
 * hour. Every country of the network has one zone; accounts have no zone of their own yet.
 */
const ZONES: Readonly<Record<string, string>> = {
  DK: 'Europe/Copenhagen',
  EE: 'Europe/Tallinn',
  FI: 'Europe/Helsinki',
  IS: 'Atlantic/Reykjavik',
  LT: 'Europe/Vilnius',
  LV: 'Europe/Riga',
  NO: 'Europe/Oslo',
  SE: 'Europe/Stockholm',
};

export function timeZoneOfCountry(country: string): string {
  return ZONES[country] ?? 'UTC';
}
