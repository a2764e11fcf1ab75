import { useWizardText } from '../../i18n/use-wizard-text';
import { useWordExport } from '../hooks/use-word-export';

/** « Exporter en Word », at any stage: a review copy for counterparts who work in Word. */
export function WordExportPanel({ conventionId, flush }: { conventionId: string; flush: () => Promise<unknown> }) {
  const t = useWizardText();
  const { busy, outcome, exportWord } = useWordExport(conventionId, flush);
  return (
    <section aria-labelledby="word-export-h" className="fr-mb-4w">
      <h3 id="word-export-h" className="fr-h5">{t.wordHeading}</h3>
      <p className="fr-text--sm">{t.wordHint}</p>
      <button type="button" className="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-file-text-line" disabled={busy} onClick={() => void exportWord()}>
        {busy ? t.exportingWord : t.exportWord}
      </button>
      <div aria-live="polite" data-testid="word-export-outcome">
        {outcome?.kind === 'saved' ? (
          <div className="fr-alert fr-alert--success fr-alert--sm fr-mt-2w" role="status"><p>{t.wordExported(outcome.fileName)}</p></div>
        ) : outcome?.kind === 'cancelled' ? (
          <div className="fr-alert fr-alert--info fr-alert--sm fr-mt-2w" role="status"><p>{t.wordExportCancelled}</p></div>
        ) : outcome?.kind === 'error' ? (
          <div className="fr-alert fr-alert--error fr-alert--sm fr-mt-2w" role="alert"><p lang="fr">{outcome.message}</p></div>
        ) : null}
      </div>
    </section>
  );
}
