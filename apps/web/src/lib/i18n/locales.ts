/** The languages of the network; English is the source catalogue (apps/web/src/i18n/en.json). */
export const LOCALES = ['en', 'da', 'et', 'fi', 'is', 'lv', 'lt', 'nb', 'sv'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's languages we have, Norwegian of any written form as Bokmål. */
export function browserLocale(languages: readonly string[] = navigator.languages): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'no' || base === 'nn') return 'nb';
    if (isLocale(base)) return base;
  }
  return 'en';
}

/**
 * Each language's name for itself, for browsers whose Intl lacks that language's data: Chromium's
 * own ICU has no Icelandic and would name it "Icelandic".
 */
const ENDONYMS: Readonly<Record<Locale, string>> = {
  en: 'English',
  da: 'Dansk',
  et: 'Eesti',
  fi: 'Suomi',
  is: 'Íslenska',
  lv: 'Latviešu',
  lt: 'Lietuvių',
  nb: 'Norsk bokmål',
  sv: 'Svenska',
};

/** A language's own name for itself ("Svenska"), from Intl: no catalogue entry needed. */
export function languageName(locale: Locale): string {
  if (Intl.DisplayNames.supportedLocalesOf([locale]).length === 0) return ENDONYMS[locale];
  const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
