import families from '../../i18n/dynamic-keys.json';

/**
 * Message families whose keys are built at run time from a value the API returns, e.g.
 * `phase.reflection` or `rule.R14`. scripts/check-catalogues.mjs treats every key of a declared
 * family as used; declare a new family in src/i18n/dynamic-keys.json before using it here.
 */
export type MessageFamily = (typeof families.prefixes)[number];

export function familyMessageId(family: MessageFamily, value: string): string {
  return `${family}.${value}`;
}
