import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { PDFWorker, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import { useWizardText } from '../../i18n/use-wizard-text';
import { viewerMessages } from './viewer-messages';
import './viewer.css';

let shared: PDFWorker | undefined;
/**
 * One pdf.js worker for the whole session, handed to each document explicitly: a document
 * closed while another opens (Actualiser, leaving the step) then never tears the worker down.
 */
function worker(): PDFWorker {
  shared ??= PDFWorker.create({ port: new Worker(new URL('./pdf-worker.ts', import.meta.url), { type: 'module' }) });
  return shared;
}

/** The zoom steps of « Zoom avant » / « Zoom arrière » (1 is the page at 96 dpi). */
export const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;

/** The next zoom step above (`dir` 1) or below (-1) a scale, or the scale itself at either end. */
export function nextZoom(scale: number, dir: 1 | -1): number {
  if (dir > 0) return ZOOM_STEPS.find((z) => z > scale + 0.01) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < scale - 0.01) ?? ZOOM_STEPS[0];
}

interface PdfViewerProps {
  readonly bytes: Uint8Array;
  /** Accessible name of the pages' region. */
  readonly label: string;
  /**
   * A zoom the caller controls (its own buttons): no toolbar, no thumbnails. Without it the
   * viewer has its own: zoom in/out, « Ajuster à la largeur » (the default) and page thumbnails.
   */
  readonly scale?: number;
}

/** The PDF as printed, page by page (pdf.js); pages are drawn as they scroll into view. */
export function PdfViewer({ bytes, label, scale }: PdfViewerProps) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  // The reason pdf.js gave, worded in the interface language when shown.
  const [error, setError] = useState<string | null>(null);
  const t = useWizardText();
  useEffect(() => {
    let cancelled = false;
    setDoc(null);
    setError(null);
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
  if (scale !== undefined) {
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
  return <ControlledViewer doc={doc} label={label} />;
}

/** The viewer with its own toolbar and thumbnails. */
function ControlledViewer({ doc, label }: { doc: PDFDocumentProxy; label: string }) {
  const t = useWizardText();
  const m = viewerMessages[t.lang];
  const count = doc.numPages;
  const [fit, setFit] = useState(true);
  const [zoom, setZoom] = useState(1);
  const [pageWidth, setPageWidth] = useState<number | null>(null);
  const [areaWidth, setAreaWidth] = useState(0);
  const [thumbs, setThumbs] = useState(count > 1);
  const [current, setCurrent] = useState(1);
  const area = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void doc.getPage(1).then((p) => live && setPageWidth(p.getViewport({ scale: 1 }).width));
    return () => {
      live = false;
    };
  }, [doc]);
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setAreaWidth(el.clientWidth));
    ro.observe(el);
    setAreaWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);
  // Two decimals: a resize by a pixel does not redraw every page.
  const fitScale = pageWidth && areaWidth ? Math.max(0.25, Math.round(((areaWidth - 40) / pageWidth) * 100) / 100) : 1;
  const scale = fit ? fitScale : zoom;

  const onScroll = () => {
    const el = area.current;
    if (!el) return;
    const figures = el.querySelectorAll<HTMLElement>('[data-page]');
    let at = 1;
    for (const f of figures) if (f.offsetTop - el.offsetTop <= el.scrollTop + el.clientHeight / 3) at = Number(f.dataset.page);
    setCurrent(at);
  };
  const goTo = useCallback((n: number) => {
    const el = area.current;
    const figure = el?.querySelector<HTMLElement>(`[data-page="${n}"]`);
    if (!el || !figure) return;
    el.scrollTop = figure.offsetTop - el.offsetTop;
    setCurrent(n);
    figure.focus({ preventScroll: true });
  }, []);

  return (
    <div className="paraphe-viewer">
      <div className="paraphe-viewer__tools" role="group" aria-label={m.toolbar}>
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-zoom-out-line fr-btn--icon-left" disabled={scale <= ZOOM_STEPS[0] + 0.01} onClick={() => { setZoom(nextZoom(scale, -1)); setFit(false); }}>
          {m.zoomOut}
        </button>
        <span className="fr-text--sm fr-mb-0" aria-live="polite" data-testid="zoom-level">{m.zoomLevel(Math.round(scale * 100))}</span>
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-zoom-in-line fr-btn--icon-left" disabled={scale >= ZOOM_STEPS[ZOOM_STEPS.length - 1]! - 0.01} onClick={() => { setZoom(nextZoom(scale, 1)); setFit(false); }}>
          {m.zoomIn}
        </button>
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" aria-pressed={fit} onClick={() => setFit(true)}>
          {m.fitWidth}
        </button>
        {count > 1 ? (
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" aria-expanded={thumbs} aria-controls="paraphe-viewer-thumbs" onClick={() => setThumbs((s) => !s)}>
            {thumbs ? m.hideThumbnails : m.showThumbnails}
          </button>
        ) : null}
      </div>
      <div className="paraphe-viewer__body">
        {thumbs ? <Thumbnails doc={doc} current={current} onGo={goTo} label={m.thumbnails} goLabel={m.goToPage} /> : null}
        {/* Focusable: keyboard users scroll the pages with the arrows. */}
        <div ref={area} className="paraphe-pdf paraphe-viewer__pages" role="region" aria-label={label} data-pages={count} data-scale={scale} tabIndex={0} onScroll={onScroll}>
          <p className="fr-text--sm">{t.pages(count)}</p>
          {Array.from({ length: count }, (_, i) => (
            <PdfPage key={i} doc={doc} number={i + 1} scale={scale} />
          ))}
        </div>
      </div>
    </div>
  );
}

/** One small picture per page, in a list: ↑ ↓ Début Fin move between them, Entrée shows the page. */
function Thumbnails(props: { doc: PDFDocumentProxy; current: number; onGo: (n: number) => void; label: string; goLabel: (n: number, count: number) => string }) {
  const count = props.doc.numPages;
  const [focus, setFocus] = useState(props.current);
  const list = useRef<HTMLOListElement>(null);
  // The roving stop follows the page read, unless the user is moving among the thumbnails.
  useEffect(() => {
    if (!list.current?.contains(document.activeElement)) setFocus(props.current);
  }, [props.current]);
  const onKey = (e: KeyboardEvent) => {
    const to = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? Math.min(count, focus + 1)
      : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? Math.max(1, focus - 1)
      : e.key === 'Home' ? 1 : e.key === 'End' ? count : null;
    if (to === null) return;
    e.preventDefault();
    setFocus(to);
    list.current?.querySelector<HTMLElement>(`[data-thumb="${to}"]`)?.focus();
  };
  return (
    <nav className="paraphe-viewer__thumbs" id="paraphe-viewer-thumbs" aria-label={props.label}>
      <ol ref={list} onKeyDown={onKey}>
        {Array.from({ length: count }, (_, i) => i + 1).map((n) => (
          <li key={n}>
            <button
              type="button"
              data-thumb={n}
              tabIndex={n === focus ? 0 : -1}
              aria-label={props.goLabel(n, count)}
              aria-current={n === props.current ? 'page' : undefined}
              className="paraphe-viewer__thumb"
              onClick={() => {
                setFocus(n);
                props.onGo(n);
              }}
            >
              <Thumb doc={props.doc} number={n} />
              <span aria-hidden="true">{n}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Thumb({ doc, number }: { doc: PDFDocumentProxy; number: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(number <= 6);
  useEffect(() => {
    const el = canvas.current;
    if (!el || visible) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: '200px' });
    io.observe(el);
    return () => io.disconnect();
  }, [visible]);
  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let task: { cancel: () => void } | undefined;
    void doc.getPage(number).then((page) => {
      const el = canvas.current;
      if (cancelled || !el) return;
      const viewport = page.getViewport({ scale: (96 / page.getViewport({ scale: 1 }).width) * (window.devicePixelRatio || 1) });
      el.width = viewport.width;
      el.height = viewport.height;
      const r = page.render({ canvas: el, viewport });
      task = r;
      r.promise.catch(() => undefined);
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, number, visible]);
  return <canvas ref={canvas} aria-hidden="true" />;
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
    <figure className="paraphe-pdf__page" data-page={number} tabIndex={-1}>
      <canvas ref={canvas} role="img" aria-label={t.pageOf(number, doc.numPages)} data-drawn={drawn ? 'true' : 'false'} />
      <figcaption className="fr-text--xs">{t.page(number)}</figcaption>
    </figure>
  );
}
