import { useCallback, useEffect } from 'react';
import type { IdentityInfoDto, ReceivedPdfDto } from '../../shared/ipc/channels/signing';
import type { CardKeyRefDto } from '../../shared/ipc/channels/pkcs11';
import { api, unwrap } from '../api';
import { useActionView } from '../hooks/use-action-view';

/** A received PDF as shown: main names it by a one-time id; `bytes` are for pdf.js. */
export type OpenedReceived = Omit<ReceivedPdfDto, 'base64'> & { readonly bytes: Uint8Array };

/** What « Signer un document reçu » shows. */
export interface ReceivedView {
  readonly opened?: OpenedReceived;
  readonly identities: readonly IdentityInfoDto[];
  readonly busy: boolean;
  /** Main's French message when an action failed. */
  readonly error?: string;
  readonly done?: { readonly kind: 'signed'; readonly fileName: string; readonly signer: string; readonly onBehalfOf?: string; readonly trustMessage: string; readonly level?: string; readonly notice?: string } | { readonly kind: 'cancelled' };
}

function decode(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

const opened = ({ base64, ...rest }: ReceivedPdfDto): OpenedReceived => ({ ...rest, bytes: decode(base64) });

/** The `received:*` channels: open a PDF in main's dialog, sign its next field beside it. */
export function useReceived() {
  const { view, patch, run } = useActionView<ReceivedView>({ identities: [], busy: false }, { done: undefined });

  useEffect(() => {
    void run(async () => patch({ identities: await unwrap(api().identityList({})) }));
  }, [run]);

  /** Main's « Ouvrir » dialog; nothing changes when the user cancels. */
  const open = useCallback(
    () =>
      run(async () => {
        const out = await unwrap(api().receivedOpen({}));
        patch(out ? { opened: opened(out) } : { done: { kind: 'cancelled' } });
      }),
    [run],
  );

  /** Runs a signing call (a .p12 or a card) on the opened PDF; the signed file, beside the received one, is shown next. */
  const signWith = useCallback(
    (call: (fileId: string) => ReturnType<ReturnType<typeof api>['receivedSign']>) =>
      run(async () => {
        const current = view.opened;
        if (!current) return false;
        const out = await unwrap(call(current.fileId));
        const { signature, ...pdf } = out;
        patch({ opened: opened(pdf), done: { kind: 'signed', fileName: out.fileName, signer: signature.signerName, onBehalfOf: signature.onBehalfOf, trustMessage: signature.trustMessage, level: signature.level, notice: signature.notice } });
        return true;
      }),
    [run, view.opened],
  );

  /** Signs the chosen (or next) field with an imported identity. */
  const sign = useCallback(
    (identityId: string, password: string, fieldName?: string) =>
      signWith((fileId) => api().receivedSign({ fileId, identityId, password, ...(fieldName ? { fieldName } : {}) })),
    [signWith],
  );

  /** Signs the chosen (or next) field with a card key; the PIN (none for a reader with a keypad) goes to main once. */
  const signWithCard = useCallback(
    (card: CardKeyRefDto, pin: string | undefined, fieldName?: string) =>
      signWith((fileId) => api().pkcs11SignReceived({ fileId, card, ...(pin === undefined ? {} : { pin }), ...(fieldName ? { fieldName } : {}) })),
    [signWith],
  );

  return { view, open, sign, signWithCard };
}
