import { NativeSelect } from '@mantine/core';
import { useMemo } from 'react';
import { useIntl } from 'react-intl';

/**
 * Languages she may speak, as BCP 47 codes: those of the people this work most often meets and
 * those of the nine staff languages. Names come from Intl in the user's language, so the list
 * needs no catalogue entry per language.
 */
const LANGUAGES = [
  'ro',
  'bg',
  'hu',
  'pl',
  'uk',
  'ru',
  'sq',
  'sr',
  'en',
  'fr',
  'es',
  'pt',
  'ar',
  'fa',
  'ti',
  'so',
  'am',
  'tl',
  'th',
  'vi',
  'zh',
  'mn',
  'yo',
  'ig',
  'edo',
  'sw',
  'tr',
  'ku',
  'ps',
  'ur',
  'hi',
  'sv',
  'nb',
  'da',
  'fi',
  'et',
  'lv',
  'lt',
  'is',
  'de',
];

export function LanguageSelect({
  label,
  description,
  value,
  onChange,
  required,
  error,
}: {
  readonly label: string;
  readonly description?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly required?: boolean;
  readonly error?: string;
}) {
  const intl = useIntl();
  const data = useMemo(() => {
    const names = new Intl.DisplayNames([intl.locale], { type: 'language', fallback: 'code' });
    const options = LANGUAGES.map((code) => ({ value: code, label: names.of(code) ?? code }));
    options.sort((a, b) => a.label.localeCompare(b.label, intl.locale));
    return [{ value: '', label: intl.formatMessage({ id: 'form.choose' }) }, ...options];
  }, [intl]);
  return (
    <NativeSelect
      label={label}
      description={description}
      value={value}
      required={required}
      error={error}
      data={data}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
