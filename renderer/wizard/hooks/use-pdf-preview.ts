import { useCallback, useEffect, useRef, useState } from 'react';
import { optionalMethod } from './paraphe';

/** State of the printed preview. */
export type PreviewState =
  | { readonly status: 'unavailable' }
  | { readonly status: 'idle' }
  | { readonly status: 'rendering' }
  | { readonly status: 'ready'; readonly bytes: Uint8Array; readonly pageCount?: number }
  | { readonly status: 'error'; readonly message: string };

/** The bytes of a rendered PDF, whatever shape `pdf:render` hands them in. */
function bytesOf(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['bytes', 'pdf', 'data']) {
      const b = v[key];
      if (b instanceof Uint8Array) return b;
      if (b instanceof ArrayBuffer) return new Uint8Array(b);
      if (Array.isArray(b)) return Uint8Array.from(b as number[]);
    }
    if (typeof v.base64 === 'string') return Uint8Array.from(atob(v.base64), (ch) => ch.charCodeAt(0));
  }
  return undefined;
}

/**
 * Asks main to render the stored convention (`pdf:render`) and holds the PDF's bytes. The draft
 * on screen is saved first, so the preview is what will be printed.
 */
export function usePdfPreview(id: string, flush: () => Promise<boolean>) {
  const render = optionalMethod<{ id: string }, unknown>('pdfRender');
  const [state, setState] = useState<PreviewState>(render ? { status: 'idle' } : { status: 'unavailable' });
  const seq = useRef(0);
  const refresh = useCallback(async () => {
    const call = optionalMethod<{ id: string }, unknown>('pdfRender');
    if (!call) return setState({ status: 'unavailable' });
    const mine = ++seq.current;
    setState({ status: 'rendering' });
    await flush();
    const r = await call({ id });
    if (mine !== seq.current) return;
    if (!r.ok) return setState({ status: 'error', message: r.error.message });
    const bytes = bytesOf(r.value);
    if (!bytes) return setState({ status: 'error', message: 'Le PDF a été généré mais son contenu n’a pas été transmis à l’aperçu. Relancez Paraphe.' });
    const pages = (r.value as { pageCount?: unknown }).pageCount;
    setState({ status: 'ready', bytes, pageCount: typeof pages === 'number' ? pages : undefined });
  }, [id, flush]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { state, refresh };
}
