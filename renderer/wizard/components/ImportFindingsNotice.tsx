import { useCallback, useEffect, useRef, useState } from 'react';
import type { Finding } from '../../../shared/model/migrate';
import { formatFrenchDateTime } from '../../i18n/messages';
import { useWizardText } from '../../i18n/use-wizard-text';
import { paraphe, unwrap } from '../hooks/paraphe';
import { FindingsList } from './FindingsList';

/** A finding of the Word reader: its `code` is its own, not one of the validator's. */
export type ImportFinding = Omit<Finding, 'code'> & { readonly code?: string | undefined };

const enDateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const words = {
  fr: {
    from: (source: string, at: string) => `Document « ${source} », importé le ${formatFrenchDateTime(new Date(at))}.`,
    dismiss: 'J’ai relu ces constats : ne plus les afficher',
    dismissFailed: (message: string) => `Les constats n’ont pas pu être marqués comme relus : ${message}`,
  },
  en: {
    from: (source: string, at: string) => `Document “${source}”, imported on ${enDateTime.format(new Date(at))}.`,
    dismiss: 'I reviewed these findings: stop showing them',
    dismissFailed: (message: string) => `The findings could not be marked as reviewed: ${message}`,
  },
};

interface Kept {
  readonly findings: readonly ImportFinding[];
  readonly source?: string;
  readonly importedAt?: string;
}

/**
 * What the Word reader noticed, as kept with the draft by main: `initial` right after the
 * import, else read when the draft opens. Null while there is nothing (left) to show.
 */
export function useImportFindings(conventionId: string, initial: readonly ImportFinding[] | undefined) {
  const [kept, setKept] = useState<Kept | null>(initial ? { findings: initial } : null);
  useEffect(() => {
    let current = true;
    unwrap(paraphe().conventionImportFindings({ id: conventionId })).then(
      (r) => current && (r ? setKept(r) : !initial && setKept(null)),
      () => undefined, // without them the draft still opens: they only help the review
    );
    return () => {
      current = false;
    };
  }, [conventionId, initial]);
  const dismiss = useCallback(async () => {
    await unwrap(paraphe().conventionDismissImportFindings({ id: conventionId }));
    setKept(null);
  }, [conventionId]);
  return { kept, dismiss };
}

/**
 * What the Word reader noticed (« Paragraphe non reconnu, placé dans l'article 3 : vérifiez »),
 * each finding a link to its step and field. Kept with the draft: the box shows each time the
 * draft opens until the user says she reviewed them; « Fermer » only hides it until then.
 */
export function ImportFindingsNotice({ conventionId, initial, onGo }: { conventionId: string; initial?: readonly ImportFinding[] | undefined; onGo: (path: string) => void }) {
  const t = useWizardText();
  const w = words[t.lang];
  const { kept, dismiss } = useImportFindings(conventionId, initial);
  const [open, setOpen] = useState(true);
  const [failed, setFailed] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const shown = !!kept && open && (kept.findings.length > 0 || !!initial);
  // Keyboard and screen-reader users start on what to review.
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown]);
  if (!shown || !kept) return null;
  const findings = kept.findings;
  return (
    <div ref={box} tabIndex={-1} className="fr-alert fr-alert--info paraphe-spaced" data-testid="word-import-findings" aria-labelledby="word-import-title">
      <h2 id="word-import-title" className="fr-alert__title">{t.importedFromWord(findings.length)}</h2>
      {kept.source && kept.importedAt ? <p>{w.from(kept.source, kept.importedAt)}</p> : null}
      {findings.length > 0 ? (
        <>
          <p>{t.importFindingsHint}</p>
          {/* findingText looks a code up before using it: an unknown code keeps the French message. */}
          <FindingsList findings={findings as readonly Finding[]} onGo={onGo} headingLevel="h3" />
          <button
            type="button"
            className="fr-btn fr-btn--secondary fr-btn--sm fr-mt-1w"
            onClick={() => dismiss().then(() => setFailed(null), (e: unknown) => setFailed(w.dismissFailed((e as Error).message)))}
          >
            {w.dismiss}
          </button>
          {failed ? <p className="fr-error-text" role="alert">{failed}</p> : null}
        </>
      ) : null}
      <button type="button" className="fr-btn--close fr-btn" title={t.closeImportFindings} aria-label={t.closeImportFindings} onClick={() => setOpen(false)}>
        {t.close}
      </button>
    </div>
  );
}
