import { useCallback, useEffect } from 'react';
import type { IdentityInfoDto, VerifyReportDto } from '../../shared/ipc/channels/signing';
import { api, unwrap } from '../api';
import { useActionView } from '../hooks/use-action-view';

/** A PDF opened for verification: main names it by a one-time id, never by its path. */
export interface OpenedPdf {
  readonly fileId: string;
  readonly fileName: string;
  readonly report: VerifyReportDto;
  readonly fields: readonly { readonly name: string; readonly order?: number; readonly signatoryName?: string; readonly party?: string; readonly signed: boolean }[];
}

/** What the « Vérifier un PDF » screen shows. */
export interface VerifyView {
  readonly opened?: OpenedPdf;
  readonly identities: readonly IdentityInfoDto[];
  readonly busy: boolean;
  /** Main's French message when an action failed. */
  readonly error?: string;
  /** The last action's outcome, as a key the screen words (file name attached). */
  readonly done?:
    | { readonly kind: 'countersigned'; readonly fileName: string; readonly signer: string; readonly level?: string; readonly notice?: string }
    | { readonly kind: 'extended'; readonly fileName: string; readonly time: string; readonly authority: string }
    | { readonly kind: 'cancelled' };
}

/** The `pdf-file:*` channels and `signature:extend`: open any PDF through main's dialog, read its report, counter-sign it, extend its validity. */
export function useVerifyPdf() {
  const { view, patch, run } = useActionView<VerifyView>({ identities: [], busy: false }, { done: undefined });

  useEffect(() => {
    void run(async () => patch({ identities: await unwrap(api().identityList({})) }));
  }, [run]);

  /**
   * Main's « Ouvrir » dialog; nothing changes when the user cancels. A file main refuses clears
   * the previous one: its report must not stand next to the new file's error.
   */
  const open = useCallback(
    () =>
      run(async () => {
        let out;
        try {
          out = await unwrap(api().pdfFileOpen({}));
        } catch (e) {
          patch({ opened: undefined });
          throw e;
        }
        if (out) patch({ opened: out });
        else patch({ done: { kind: 'cancelled' } });
      }),
    [run],
  );

  /** Signs the opened PDF into a new file chosen in main's dialog; true when written. */
  const countersign = useCallback(
    (identityId: string, password: string) =>
      run(async () => {
        const current = view.opened;
        if (!current) return false;
        const out = await unwrap(api().pdfFileCountersign({ fileId: current.fileId, identityId, password }));
        if (!out) {
          patch({ done: { kind: 'cancelled' } });
          return false;
        }
        // The id now names the written file: a second counter-signature builds on this one.
        const signedFields = current.fields.map((f) => (f.name === out.signature.fieldName ? { ...f, signed: true } : f));
        const fields = out.signature.newField ? [...signedFields, { name: out.signature.fieldName, signatoryName: out.signature.signerName, signed: true }] : signedFields;
        patch({ opened: { ...current, fileName: out.fileName, report: out.report, fields }, done: { kind: 'countersigned', fileName: out.fileName, signer: out.signature.signerName, level: out.signature.level, notice: out.signature.notice } });
        return true;
      }),
    [run, view.opened],
  );

  /**
   * « Prolonger la validité »: main asks where to save, then the settings' TSA and the
   * revocation services; the screen then shows the new file's report. True when written.
   */
  const extend = useCallback(
    () =>
      run(async () => {
        const current = view.opened;
        if (!current) return false;
        const out = await unwrap(api().signatureExtend({ fileId: current.fileId }));
        if (!out) {
          patch({ done: { kind: 'cancelled' } });
          return false;
        }
        // The id now names the written file, as after a counter-signature.
        patch({
          opened: { ...current, fileName: out.fileName, report: out.report, fields: out.fields },
          done: { kind: 'extended', fileName: out.fileName, time: out.timestamp.time, authority: out.timestamp.authority },
        });
        return true;
      }),
    [run, view.opened],
  );

  return { view, open, countersign, extend };
}
