import { useEffect, useRef, useState } from 'react';
import { PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import { useWizardText } from '../../i18n/use-wizard-text';

let shared: PDFWorker | undefined;
/**
 * One pdf.js worker for the whole session, handed to each document explicitly: a document
 * closed while another opens (Actualiser, leaving the step) then never tears the worker down.
 */
function worker(): PDFWorker {
  shared ??= PDFWorker.create({ port: new Worker(new URL('./pdf-worker.ts', import.meta.url), { type: 'module' }) });
  return shared;
}

interface PdfViewerProps {
  readonly bytes: Uint8Array;
  /** Accessible name of the whole preview. */
  readonly label: string;
  /** Zoom: 1 is the page at 96 dpi (default 1.3, the wizard's preview). */
  readonly scale?: number;
}

/** The PDF as printed, page by page (pdf.js); pages are drawn as they scroll into view. */
export function PdfViewer({ bytes, label, scale = 1.3 }: PdfViewerProps) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  // The reason pdf.js gave, worded in the interface language when shown.
  const [error, setError] = useState<string | null>(null);
  const t = useWizardText();
  useEffect(() => {
    let cancelled = false;
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    const task = getDocument({ data: bytes.slice(), worker: worker(), isEvalSupported: false });
    task.promise.then(
      (d) => {
        if (cancelled) void d.destroy();
        else setDoc(d);
      },
      (e: unknown) => {
        if (!cancelled) setError((e as Error).message);
      },
    );
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [bytes]);
  if (error) return <p className="fr-error-text">{t.previewFailed(error)}</p>;
  if (!doc) return <p aria-busy="true">{t.openingPdf}</p>;
  return (
    // Focusable: keyboard users scroll the pages with the arrows.
    <div className="paraphe-pdf" role="region" aria-label={label} data-pages={doc.numPages} tabIndex={0}>
      <p className="fr-text--sm">{t.pages(doc.numPages)}</p>
      {Array.from({ length: doc.numPages }, (_, i) => (
        <PdfPage key={i} doc={doc} number={i + 1} scale={scale} />
      ))}
    </div>
  );
}

function PdfPage({ doc, number, scale: zoom }: { doc: PDFDocumentProxy; number: number; scale: number }) {
  const t = useWizardText();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(number <= 2);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const el = canvas.current;
    if (!el || visible) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    }, { rootMargin: '400px' });
    io.observe(el);
    return () => io.disconnect();
  }, [visible]);
  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let task: { cancel: () => void; promise: Promise<void> } | undefined;
    void doc.getPage(number).then((page) => {
      const el = canvas.current;
      if (cancelled || !el) return;
      const scale = zoom * (window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale });
      el.width = viewport.width;
      el.height = viewport.height;
      el.style.width = `${viewport.width / (window.devicePixelRatio || 1)}px`;
      task = page.render({ canvas: el, viewport });
      task.promise.then(() => !cancelled && setDrawn(true), () => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, number, visible, zoom]);
  return (
    <figure className="paraphe-pdf__page">
      <canvas ref={canvas} role="img" aria-label={t.pageOf(number, doc.numPages)} data-drawn={drawn ? 'true' : 'false'} />
      <figcaption className="fr-text--xs">{t.page(number)}</figcaption>
    </figure>
  );
}
