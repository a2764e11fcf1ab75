import { Button } from '@codegouvfr/react-dsfr/Button';
import { useI18n } from '../i18n/I18nProvider';
import { settingsMessages } from './settings-messages';

/** « Réglages » in the home screen's header: opens the signing settings. */
export function SettingsButton(props: { onClick: () => void }) {
  const { lang } = useI18n();
  return <Button priority="tertiary" iconId="fr-icon-settings-5-line" onClick={props.onClick}>{settingsMessages[lang].open}</Button>;
}
