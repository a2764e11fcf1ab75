import { useCallback, useEffect, useRef, useState } from 'react';
import { optionalMethod, paraphe } from './paraphe';
import { withProgress, type ProgressEvent } from './progress';

/** State of the printed preview. */
export type PreviewState =
  | { readonly status: 'unavailable' }
  /** `progress`: where this render call stands (page n of N), pushed by main while it works. */
  | { readonly status: 'rendering'; readonly progress?: ProgressEvent }
  | { readonly status: 'ready'; readonly bytes: Uint8Array; readonly pageCount: number; readonly warnings: readonly string[] }
  | { readonly status: 'error'; readonly message: string };

function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * Asks main to render the stored convention (`pdf:preview`: nothing is kept or audited) after
 * saving what is on screen, so that the preview is what will be printed. Called through
 * `optionalMethod` so that a build without the PDF channels says « bientôt disponible ».
 */
export function usePdfPreview(id: string, flush: () => Promise<boolean>) {
  const available = optionalMethod('pdfPreview') !== undefined;
  const [state, setState] = useState<PreviewState>(available ? { status: 'rendering' } : { status: 'unavailable' });
  const seq = useRef(0);
  const refresh = useCallback(async () => {
    if (!optionalMethod('pdfPreview')) return setState({ status: 'unavailable' });
    const mine = ++seq.current;
    setState({ status: 'rendering' });
    await flush();
    const r = await withProgress(
      (options) => paraphe().pdfPreview({ conventionId: id }, options),
      (progress) => {
        // This call's steps only (tagged with its id); of two refreshes, only the latest reports.
        if (mine === seq.current && progress) setState((s) => (s.status === 'rendering' ? { status: 'rendering', progress } : s));
      },
    );
    if (mine !== seq.current) return;
    if (!r.ok) return setState({ status: 'error', message: r.error.message });
    setState({ status: 'ready', bytes: decodeBase64(r.value.base64), pageCount: r.value.pageCount, warnings: r.value.warnings });
  }, [id, flush]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { state, refresh };
}
