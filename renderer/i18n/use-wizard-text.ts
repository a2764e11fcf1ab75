import { useI18n } from './I18nProvider';
import type { Lang } from './messages';
import { wizardMessages, type WizardMessages } from './wizard-messages';

/** The wizard's words in the interface language, with that language (for react-dsfr and `lang`). */
export function useWizardText(): WizardMessages & { readonly lang: Lang } {
  const { lang } = useI18n();
  return WITH_LANG[lang];
}

// Built once: components that list the dictionary in their dependencies see a stable object.
const WITH_LANG: Record<Lang, WizardMessages & { readonly lang: Lang }> = {
  fr: { ...wizardMessages.fr, lang: 'fr' },
  en: { ...wizardMessages.en, lang: 'en' },
};
