import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { messages, type Lang, type Messages } from './messages';

const STORAGE_KEY = 'paraphe.lang';

interface I18n {
  readonly lang: Lang;
  readonly t: Messages;
  readonly setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18n>({ lang: 'fr', t: messages.fr, setLang: () => undefined });

function initialLang(): Lang {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

/** Holds the interface language (French unless the user chose English) and its dictionary. */
export function I18nProvider(props: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // English remembered from a previous session: the page says so from the start (screen readers, hyphenation).
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => ({
    lang,
    t: messages[lang],
    setLang: (next) => {
      setLangState(next);
      document.documentElement.lang = next;
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private storage unavailable: the choice lasts until the window closes.
      }
    },
  }), [lang]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** The current dictionary and language. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The current language, for react-dsfr's own texts. */
export function useLang(): string {
  return useContext(I18nContext).lang;
}
