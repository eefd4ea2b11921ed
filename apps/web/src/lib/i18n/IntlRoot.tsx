import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { browserLocale, type Locale } from './locales';

type Messages = Record<string, string>;

// One chunk per language, loaded when chosen: the sign-in route carries no other language.
const catalogues = import.meta.glob<Messages>('../../i18n/[a-z][a-z].json', { import: 'default' });

function load(locale: Locale): Promise<Messages> {
  const loader = catalogues[`../../i18n/${locale}.json`];
  if (!loader) return Promise.reject(new Error(`no catalogue for ${locale}`));
  return loader();
}

interface LocaleContextValue {
  readonly locale: Locale;
  readonly setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

/**
 * react-intl is silent in production builds; a missing or broken message must still be visible
 * (the browser tests fail on it). Logs the error code and the message id only: never the
 * message's values, which may be her data.
 */
function reportIntlError(error: { code?: string; descriptor?: { id?: unknown } }): void {
  const id = typeof error.descriptor?.id === 'string' ? error.descriptor.id : '';
  // eslint-disable-next-line no-console -- the one place the web app writes to the console: an id, no data
  console.error(`[i18n] ${error.code ?? 'ERROR'} ${id}`.trim());
}

/** The current language and a way to change it (the session saves it to the account). */
export function useLocale(): LocaleContextValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale outside <IntlRoot>');
  return value;
}

/**
 * react-intl with the catalogue of the current language; <html lang> follows it so that
 * screen readers pronounce the page in that language. Renders nothing until the first
 * catalogue has loaded (a few milliseconds), then keeps the old one while the next loads.
 */
export function IntlRoot({ children }: { readonly children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => browserLocale());
  const [loaded, setLoaded] = useState<{ locale: Locale; messages: Messages } | null>(null);

  useEffect(() => {
    let current = true;
    void load(locale).then((messages) => {
      if (current) setLoaded({ locale, messages });
    });
    return () => {
      current = false;
    };
  }, [locale]);

  useEffect(() => {
    if (loaded) document.documentElement.lang = loaded.locale;
  }, [loaded]);

  const setLocale = useCallback((l: Locale) => setLocaleState(l), []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  if (!loaded) return null;
  return (
    <LocaleContext.Provider value={value}>
      <IntlProvider
        locale={loaded.locale}
        messages={loaded.messages}
        defaultLocale="en"
        onError={reportIntlError}
      >
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}
