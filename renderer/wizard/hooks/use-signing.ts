import { useCallback, useEffect, useState } from 'react';
import type { IdentityInfoDto, VerifyReportDto } from '../../../shared/ipc/channels/signing';
import { paraphe, unwrap } from './paraphe';

/** A signature field as the wizard shows it (mirrors `signing:fields`). */
export interface FieldInfo {
  readonly name: string;
  readonly order?: number;
  readonly signatoryName?: string;
  readonly signatoryTitle?: string;
  readonly party?: string;
  readonly signed: boolean;
}

/** Where the signing of one convention stands: the PDF being signed and its fields. */
export interface SigningState {
  /** The PDF as signed so far (first the rendered one), a file in the data folder. */
  readonly pdfPath?: string;
  readonly fields: readonly FieldInfo[];
  readonly identities: readonly IdentityInfoDto[];
  readonly busy: boolean;
  readonly error?: string;
  /** French line about the last signature (signer, trust). */
  readonly lastMessage?: string;
}

// The PDF being signed lives in main's data folder; the renderer only keeps its path, so that
// coming back to the convention (or reloading) resumes where the signing stopped.
const key = (id: string) => `paraphe:signature:${id}`;

/** « …/x.pdf » → « …/x-signature-2.pdf »: each signature is a new file, the previous one stays. */
export function signedPath(path: string, n: number): string {
  const base = path.replace(/(-signature-\d+)?\.pdf$/i, '');
  return `${base}-signature-${n}.pdf`;
}

/** Identities, fields and the sign-next-field action, over the signing channels. */
export function useSigning(conventionId: string) {
  const [state, setState] = useState<SigningState>(() => ({
    pdfPath: localStorage.getItem(key(conventionId)) ?? undefined,
    fields: [],
    identities: [],
    busy: false,
  }));
  const patch = (p: Partial<SigningState>) => setState((s) => ({ ...s, ...p }));
  const fail = (e: unknown) => patch({ busy: false, error: (e as Error).message });

  const loadFields = useCallback(async (pdfPath: string) => {
    const fields = await unwrap(paraphe().signingFields({ pdfPath }));
    patch({ fields, pdfPath });
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        patch({ identities: await unwrap(paraphe().identityList({})) });
        const saved = localStorage.getItem(key(conventionId));
        if (saved) await loadFields(saved);
      } catch (e) {
        // A file removed from the data folder: start again from a fresh PDF.
        localStorage.removeItem(key(conventionId));
        patch({ pdfPath: undefined, fields: [], error: (e as Error).message });
      }
    })();
  }, [conventionId, loadFields]);

  /** Renders the finalized convention into the PDF that will be signed (stored and audited by main). */
  const prepare = useCallback(async () => {
    patch({ busy: true, error: undefined, lastMessage: undefined });
    try {
      const out = await unwrap(paraphe().pdfRender({ conventionId }));
      localStorage.setItem(key(conventionId), out.path);
      await loadFields(out.path);
      patch({ busy: false });
    } catch (e) {
      fail(e);
    }
  }, [conventionId, loadFields]);

  const createTestIdentity = useCallback(async (name: string, org: string, password: string) => {
    patch({ busy: true, error: undefined });
    try {
      const made = await unwrap(paraphe().identityCreateTest({ name, org, password }));
      patch({ identities: await unwrap(paraphe().identityList({})), busy: false });
      return made.id;
    } catch (e) {
      fail(e);
      return undefined;
    }
  }, []);

  /** Signs the next empty field, in signing order, with the chosen identity. */
  const signNext = useCallback(
    async (identityId: string, password: string, order: number) => {
      const pdfPath = state.pdfPath;
      if (!pdfPath) return false;
      patch({ busy: true, error: undefined, lastMessage: undefined });
      try {
        const outputPath = signedPath(pdfPath, order);
        const r = await unwrap(paraphe().signingSignNextField({ pdfPath, outputPath, identityId, password, signatory: order }));
        localStorage.setItem(key(conventionId), r.output);
        await loadFields(r.output);
        patch({ busy: false, lastMessage: `Signé par ${r.signerName}. ${r.trustMessage}` });
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [state.pdfPath, conventionId, loadFields],
  );

  return { state, prepare, createTestIdentity, signNext };
}

/** The verifier's report on a PDF (`signing:verify-pdf`). */
export function useVerification(pdfPath: string | undefined) {
  const [report, setReport] = useState<VerifyReportDto | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!pdfPath) return;
    let live = true;
    void paraphe()
      .signingVerifyPdf({ pdfPath })
      .then((r) => {
        if (!live) return;
        if (r.ok) setReport(r.value);
        else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [pdfPath]);
  return { report, error };
}
