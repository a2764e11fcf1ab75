import { useEffect, useState } from 'react';
import { paraphe, unwrap } from '../hooks/paraphe';

/** Where the PDF being signed stands: asked of main, shown, or refused with main's French message. */
export type SigningDocumentState =
  | { readonly status: 'loading' }
  | { readonly status: 'none' }
  | { readonly status: 'shown'; readonly bytes: Uint8Array; readonly label: string; readonly signed: boolean }
  | { readonly status: 'error'; readonly message: string };

/**
 * The PDF being signed (`convention:signing-document`), asked again whenever its SHA-256
 * changes: after each signature or imported copy the step shows the new one.
 */
export function useSigningDocument(conventionId: string, sha256: string | undefined): SigningDocumentState {
  const [state, setState] = useState<SigningDocumentState>({ status: sha256 ? 'loading' : 'none' });
  useEffect(() => {
    if (!sha256) {
      setState({ status: 'none' });
      return;
    }
    let current = true;
    setState({ status: 'loading' });
    unwrap(paraphe().conventionSigningDocument({ id: conventionId })).then(
      (doc) => {
        if (!current) return;
        if (!doc) setState({ status: 'none' });
        else setState({ status: 'shown', bytes: Uint8Array.from(atob(doc.base64), (c) => c.charCodeAt(0)), label: doc.label, signed: doc.signed });
      },
      (e: unknown) => current && setState({ status: 'error', message: (e as Error).message }),
    );
    return () => {
      current = false;
    };
  }, [conventionId, sha256]);
  return state;
}
