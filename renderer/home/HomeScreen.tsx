import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ConventionSummaryDto } from '../../shared/ipc/channels/conventions';
import type { TemplateOption } from '../hooks/useHome';
import type { Lang, Messages } from '../i18n/messages';
import { AboutPanel } from './AboutPanel';
import { ConventionTable } from './ConventionTable';
import { CreateForm } from './CreateForm';
import { ImportButton } from './ImportButton';
import { SettingsButton } from '../settings/SettingsButton';
import { useFacets } from './use-facets';

/** The list of conventions with creation, import and the way to the trash. */
export function HomeScreen(props: {
  t: Messages;
  lang: Lang;
  /** Version and data folder, for « À propos » (null until main answers). */
  about: { version: string; dataDir: string } | null;
  conventions: readonly ConventionSummaryDto[] | null;
  trashCount: number;
  templates: readonly TemplateOption[];
  busy: boolean;
  onCreate: (templateId: string, shortTitle?: string) => void;
  onImport: (text: string, fileName: string) => void;
  onImportWord: () => void;
  onOpen: (id: string) => void;
  onRename: (id: string, shortTitle: string) => void;
  onDuplicate: (id: string) => void;
  onExport: (id: string) => void;
  onExportWord: (id: string) => void;
  onTrash: (item: ConventionSummaryDto) => void;
  onCreateAvenant: (id: string) => void;
  onShowTrash: () => void;
  onShowVerify?: () => void;
  onShowReceived?: () => void;
  onShowIdentities?: () => void;
  onShowSettings?: () => void;
}) {
  const { t } = props;
  const facets = useFacets(props.conventions);
  return (
    <>
      <div className="fr-grid-row fr-grid-row--middle fr-mb-3w">
        <h1 id="conventions-heading" className="fr-h2 fr-mb-0 fr-col">{t.conventionsHeading}</h1>
        <div className="paraphe-actions">
          <ImportButton t={t} busy={props.busy} onImport={props.onImport} />
          <Button priority="secondary" iconId="fr-icon-file-text-line" disabled={props.busy} onClick={props.onImportWord}>{t.importWordLabel}</Button>
          {props.onShowReceived && <Button priority="secondary" iconId="fr-icon-edit-line" onClick={props.onShowReceived}>{t.signReceived}</Button>}
          {props.onShowVerify && <Button priority="secondary" iconId="fr-icon-file-pdf-line" onClick={props.onShowVerify}>{t.verifyPdf}</Button>}
          {props.onShowIdentities && <Button priority="tertiary" iconId="fr-icon-account-circle-line" onClick={props.onShowIdentities}>{t.identities}</Button>}
          {props.onShowSettings && <SettingsButton onClick={props.onShowSettings} />}
          <Button priority="tertiary" iconId="fr-icon-delete-line" onClick={props.onShowTrash}>{t.showTrash(props.trashCount)}</Button>
        </div>
      </div>
      <CreateForm t={t} templates={props.templates} busy={props.busy} onCreate={props.onCreate} />
      {props.conventions === null ? (
        <p>{t.loading}</p>
      ) : props.conventions.length === 0 ? (
        <p>{t.emptyList}</p>
      ) : (
        <ConventionTable
          t={t}
          lang={props.lang}
          conventions={props.conventions}
          facets={facets}
          busy={props.busy}
          onOpen={props.onOpen}
          onRename={props.onRename}
          onDuplicate={props.onDuplicate}
          onExport={props.onExport}
          onExportWord={props.onExportWord}
          onTrash={props.onTrash}
          onCreateAvenant={props.onCreateAvenant}
        />
      )}
      {props.about && <AboutPanel lang={props.lang} version={props.about.version} dataDir={props.about.dataDir} />}
    </>
  );
}
