import { useCallback, useEffect } from 'react';
import type { IdentityInfoDto, TrustedCertificateSchema } from '../../shared/ipc/channels/signing';
import type { z } from 'zod';
import { api, unwrap } from '../api';
import { useActionView } from '../hooks/use-action-view';

/** A certificate of the trust list, as main sends it. */
export type TrustedCertificateDto = z.infer<typeof TrustedCertificateSchema>;

/** The outcome of the last action, worded by the screen. */
export type IdentitiesDone =
  | { readonly kind: 'imported' | 'created' | 'removed'; readonly name: string }
  | { readonly kind: 'trust-added' | 'trust-removed'; readonly name: string }
  | { readonly kind: 'cancelled' };

/** What the identities screen shows. */
export interface IdentitiesView {
  readonly identities: readonly IdentityInfoDto[] | null;
  readonly trusted: readonly TrustedCertificateDto[] | null;
  readonly busy: boolean;
  readonly error?: string;
  readonly done?: IdentitiesDone;
}

/** Identities and the trust list over the `identity:*` and `trust:*` channels; files are chosen in main's dialogs. */
export function useIdentities() {
  const { view, patch, run } = useActionView<IdentitiesView>({ identities: null, trusted: null, busy: true }, { done: undefined });

  useEffect(() => {
    void run(async () => {
      const [identities, trusted] = await Promise.all([unwrap(api().identityList({})), unwrap(api().trustList({}))]);
      patch({ identities, trusted });
    });
  }, [run]);

  /** Imports a .p12 / .pfx chosen in main's dialog; true when imported. */
  const importP12 = useCallback(
    (password: string) =>
      run(async () => {
        const made = await unwrap(api().identityImportP12({ password }));
        if (!made) return void patch({ done: { kind: 'cancelled' } });
        patch({ identities: await unwrap(api().identityList({})), done: { kind: 'imported', name: made.certificate.commonName } });
        return true;
      }),
    [run],
  );

  /** Makes a self-signed identity for trying Paraphe; true when made. */
  const createTest = useCallback(
    (name: string, org: string, password: string) =>
      run(async () => {
        const made = await unwrap(api().identityCreateTest({ name, org, password }));
        patch({ identities: await unwrap(api().identityList({})), done: { kind: 'created', name: made.certificate.commonName } });
        return true;
      }),
    [run],
  );

  /** Deletes an identity (the screen asked first). */
  const remove = useCallback(
    (identity: IdentityInfoDto) =>
      run(async () => patch({ identities: await unwrap(api().identityRemove({ id: identity.id })), done: { kind: 'removed', name: identity.certificate.commonName } })),
    [run],
  );

  /** Adds a CA certificate chosen in main's dialog to the trust list. */
  const importTrust = useCallback(
    () =>
      run(async () => {
        const before = new Set((view.trusted ?? []).map((t) => t.id));
        const trusted = await unwrap(api().trustImport({}));
        if (!trusted) return patch({ done: { kind: 'cancelled' } });
        const added = trusted.find((t) => !before.has(t.id));
        patch({ trusted, done: { kind: 'trust-added', name: added?.certificate.commonName ?? '' } });
      }),
    [run, view.trusted],
  );

  /** Removes a certificate from the trust list (the screen asked first). */
  const removeTrust = useCallback(
    (cert: TrustedCertificateDto) =>
      run(async () => patch({ trusted: await unwrap(api().trustRemove({ id: cert.id })), done: { kind: 'trust-removed', name: cert.certificate.commonName } })),
    [run],
  );

  return { view, importP12, createTest, remove, importTrust, removeTrust };
}
