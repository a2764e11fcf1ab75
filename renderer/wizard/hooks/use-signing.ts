import { useCallback, useEffect, useState } from 'react';
import type { IdentityInfoDto, SignatureStateDto, VerifyReportDto } from '../../../shared/ipc/channels/signing';
import type { CardKeyRefDto } from '../../../shared/ipc/channels/pkcs11';
import { paraphe, unwrap } from './paraphe';
import type { CallOptions } from '../../../shared/ipc/define';
import { withProgress, type ProgressEvent } from './progress';
import { useActionView } from '../../hooks/use-action-view';

/**
 * What the last action achieved, as parts: the step words it in the interface language
 * (wizard-messages.ts). `trustMessage` is main's French sentence about the certificate.
 */
export type SigningOutcome =
  | {
      readonly kind: 'signed';
      readonly signerName: string;
      readonly onBehalfOf?: string;
      readonly trustMessage: string;
      /** The PAdES level reached, its timestamp, and main's note when the settings' level could not be reached. */
      readonly level?: string;
      readonly timestamp?: { readonly time: string; readonly authority: string };
      readonly notice?: string;
    }
  | { readonly kind: 'identity-imported'; readonly commonName: string }
  | { readonly kind: 'exported'; readonly fileName: string; readonly reportFileName: string; readonly partial: boolean }
  | { readonly kind: 'sent'; readonly fileName: string; readonly signatoryName: string }
  | { readonly kind: 'imported'; readonly names: readonly string[]; readonly complete: boolean }
  | { readonly kind: 'already-imported' };

/** Where the signing of one convention stands, as the Signature and Export steps show it. */
export interface SigningView {
  /** Main's account: the PDF being signed, its fields, who signed, who is next. */
  readonly signature?: SignatureStateDto;
  readonly identities: readonly IdentityInfoDto[];
  readonly busy: boolean;
  readonly error?: string;
  /** The last action's outcome (signer and trust, identity imported, files saved). */
  readonly outcome?: SigningOutcome;
  /** Where this screen's long call stands (rendering the PDF to sign, hashing, signing, writing). */
  readonly progress?: ProgressEvent;
}

/**
 * The signing of a stored convention over the `signature:*` channels: main keeps the PDF and
 * its files and names them by the convention's id, so the renderer never handles a path.
 */
export function useSigning(conventionId: string) {
  const { view, patch, run } = useActionView<SigningView>({ identities: [], busy: true }, { outcome: undefined });
  // Each long call follows its own progress only: a preview rendering meanwhile never moves this bar.
  const tracked = useCallback(<T,>(call: (options: CallOptions) => Promise<T>) => withProgress(call, (progress) => patch({ progress })), [patch]);

  useEffect(() => {
    void run(async () => {
      const [signature, identities] = await Promise.all([
        unwrap(paraphe().signatureState({ conventionId })),
        unwrap(paraphe().identityList({})),
      ]);
      patch({ signature, identities });
    });
  }, [conventionId, run]);

  /** Renders the finalized convention into the PDF to sign, one field per signatory. */
  const prepare = useCallback(
    () => run(async () => patch({ signature: await unwrap(tracked((options) => paraphe().signaturePrepare({ conventionId }, options))) })),
    [conventionId, run, tracked],
  );

  /** Makes a self-signed identity for trying Paraphe; returns its id. */
  const createTestIdentity = useCallback(
    (name: string, org: string, password: string) =>
      run(async () => {
        const made = await unwrap(paraphe().identityCreateTest({ name, org, password }));
        patch({ identities: await unwrap(paraphe().identityList({})) });
        return made.id;
      }),
    [run],
  );

  /** Imports a .p12 / .pfx chosen in main's dialog; returns its id, or undefined when cancelled. */
  const importIdentity = useCallback(
    (password: string) =>
      run(async () => {
        const made = await unwrap(paraphe().identityImportP12({ password }));
        if (!made) return undefined;
        patch({ identities: await unwrap(paraphe().identityList({})), outcome: { kind: 'identity-imported', commonName: made.certificate.commonName } });
        return made.id;
      }),
    [run],
  );

  /** Runs a signing call (a .p12 or a card), shows its progress and outcome; true when signed. */
  const signWith = useCallback(
    (call: (options: CallOptions) => ReturnType<ReturnType<typeof paraphe>['signatureSignNext']>) =>
      run(async () => {
        const out = await unwrap(tracked(call));
        patch({
          signature: out.state,
          outcome: {
            kind: 'signed',
            signerName: out.signature.signerName,
            onBehalfOf: out.signature.onBehalfOf,
            trustMessage: out.signature.trustMessage,
            level: out.signature.level,
            timestamp: out.signature.timestamp,
            notice: out.signature.notice,
          },
        });
        return true;
      }).then((ok) => ok === true),
    [run, tracked],
  );

  /** Signs the next field in order with the chosen identity; true when signed. */
  const signNext = useCallback(
    (identityId: string, password: string) => signWith((options) => paraphe().signatureSignNext({ conventionId, identityId, password }, options)),
    [conventionId, signWith],
  );

  /** Signs the next field with a card key; the PIN (none for a reader with a keypad) goes to main once. True when signed. */
  const signNextWithCard = useCallback(
    (card: CardKeyRefDto, pin: string | undefined) => signWith((options) => paraphe().pkcs11SignNext({ conventionId, card, ...(pin === undefined ? {} : { pin }) }, options)),
    [conventionId, signWith],
  );

  /** Saves the PDF as signed so far and its report where the user chooses (main's dialog). */
  const exportSigned = useCallback(
    (partial: boolean) =>
      run(async () => {
        const out = await unwrap(paraphe().signatureExport({ conventionId }));
        if (out) patch({ outcome: { kind: 'exported', fileName: out.fileName, reportFileName: out.reportFileName, partial } });
        return out;
      }),
    [conventionId, run],
  );

  /** « Envoyer pour signature »: main's save dialog writes the copy for the next signatory. */
  const send = useCallback(
    () =>
      run(async () => {
        const out = await unwrap(paraphe().signatureSend({ conventionId }));
        if (out) patch({ signature: out.state, outcome: { kind: 'sent', fileName: out.fileName, signatoryName: out.state.awaiting?.name ?? '' } });
      }),
    [conventionId, run],
  );

  /** « Importer un exemplaire signé »: from main's dialog, or a PDF dropped on the step (its bytes). */
  const importCopy = useCallback(
    (dropped?: File) =>
      run(async () => {
        const input = dropped ? { conventionId, dropped: { fileName: dropped.name, base64: toBase64(new Uint8Array(await dropped.arrayBuffer())) } } : { conventionId };
        const out = await unwrap(paraphe().signatureImportCopy(input));
        if (!out) return;
        patch({
          signature: out.state,
          outcome: out.outcome === 'already-imported' ? { kind: 'already-imported' } : { kind: 'imported', names: out.added.map((a) => a.name), complete: out.state.status === 'signed' },
        });
      }),
    [conventionId, run],
  );

  return { view, prepare, createTestIdentity, importIdentity, signNext, signNextWithCard, exportSigned, send, importCopy };
}

/** Bytes as base64, in slices (a spread of 50 MB would overflow the call stack). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** The verifier's report on the convention's signed PDF (`signature:verify`). */
export function useVerification(conventionId: string, enabled: boolean, key?: string) {
  const [report, setReport] = useState<VerifyReportDto | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void paraphe()
      .signatureVerify({ conventionId })
      .then((r) => {
        if (!live) return;
        if (r.ok) setReport(r.value);
        else setError(r.error.message);
      });
    return () => {
      live = false;
    };
  }, [conventionId, enabled, key]);
  return { report, error };
}
