import { useEffect, useRef, useState } from 'react';
import type { Finding } from '../../../shared/model/migrate';
import { useWizardText } from '../../i18n/use-wizard-text';
import { FindingsList } from './FindingsList';

/** A finding of the Word reader: its `code` is its own, not one of the validator's. */
export type ImportFinding = Omit<Finding, 'code'> & { readonly code?: string | undefined };

/**
 * What the Word reader noticed (« Paragraphe non reconnu, placé dans l'article 3 : vérifiez »),
 * shown when the imported draft opens: these findings are not stored with the draft, so the
 * box stays until the user closes it. Each finding links to its step and field.
 */
export function ImportFindingsNotice({ findings, onGo }: { findings: readonly ImportFinding[]; onGo: (path: string) => void }) {
  const t = useWizardText();
  const [open, setOpen] = useState(true);
  const box = useRef<HTMLDivElement>(null);
  // Keyboard and screen-reader users start on what to review.
  useEffect(() => box.current?.focus(), []);
  if (!open) return null;
  return (
    <div ref={box} tabIndex={-1} className="fr-alert fr-alert--info paraphe-spaced" data-testid="word-import-findings" aria-labelledby="word-import-title">
      <h2 id="word-import-title" className="fr-alert__title">{t.importedFromWord(findings.length)}</h2>
      {findings.length > 0 ? (
        <>
          <p>{t.importFindingsHint}</p>
          {/* findingText looks a code up before using it: an unknown code keeps the French message. */}
          <FindingsList findings={findings as readonly Finding[]} onGo={onGo} headingLevel="h3" />
        </>
      ) : null}
      <button type="button" className="fr-btn--close fr-btn" title={t.closeImportFindings} aria-label={t.closeImportFindings} onClick={() => setOpen(false)}>
        {t.close}
      </button>
    </div>
  );
}
