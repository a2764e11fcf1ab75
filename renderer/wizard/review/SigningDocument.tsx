import { lazy, Suspense } from 'react';
import { useWizardText } from '../../i18n/use-wizard-text';
import { useSigningDocument } from './use-signing-document';
import { viewerMessages } from './viewer-messages';

// pdf.js is large: it loads when the document is shown, not with the wizard.
const PdfViewer = lazy(() => import('./PdfViewer').then((m) => ({ default: m.PdfViewer })));

/** The Signature step's view of the PDF being signed, with the Relecture step's viewer. */
export function SigningDocument({ conventionId, sha256 }: { conventionId: string; sha256: string | undefined }) {
  const t = useWizardText();
  const m = viewerMessages[t.lang];
  const doc = useSigningDocument(conventionId, sha256);
  if (doc.status === 'none') return null;
  return (
    <section className="paraphe-box paraphe-spaced" aria-labelledby="document-en-signature">
      <h3 id="document-en-signature" className="fr-h5">{doc.status === 'shown' && doc.signed ? m.signedDocument : m.signingDocument}</h3>
      <p className="fr-text--sm">{m.signingDocumentHint}</p>
      {doc.status === 'loading' ? (
        <p aria-busy="true">{m.loadingDocument}</p>
      ) : doc.status === 'error' ? (
        <div className="fr-alert fr-alert--error fr-alert--sm" role="alert">
          <p lang="fr">{doc.message}</p>
        </div>
      ) : (
        <Suspense fallback={<p aria-busy="true">{t.openingPdf}</p>}>
          <PdfViewer bytes={doc.bytes} label={m.signingDocumentLabel(doc.label)} />
        </Suspense>
      )}
    </section>
  );
}
