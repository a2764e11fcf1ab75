import { useCallback, useEffect } from 'react';
import type { CardModuleDto } from '../../shared/ipc/channels/pkcs11';
import { api, unwrap } from '../api';
import { useActionView } from '../hooks/use-action-view';

/** The outcome of the last action on the card software list, worded by the section. */
export type CardsDone = { readonly kind: 'module-added' | 'module-removed'; readonly name: string } | { readonly kind: 'cancelled' };

/** What the « Cartes et jetons » section shows. */
export interface CardsView {
  /** null until main answered the first time. */
  readonly modules: readonly CardModuleDto[] | null;
  readonly busy: boolean;
  readonly error?: string;
  readonly done?: CardsDone;
}

/** The card middlewares, their tokens and certificates over the `pkcs11:*` channels; libraries are chosen in main's dialog. */
export function useCards() {
  const { view, patch, run } = useActionView<CardsView>({ modules: null, busy: true }, { done: undefined });

  /** Lists again (a card was inserted or removed). */
  const refresh = useCallback(() => run(async () => patch({ modules: await unwrap(api().pkcs11List({})) })), [run]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Adds a PKCS#11 library chosen in main's dialog (main loads it before remembering it). */
  const addModule = useCallback(
    () =>
      run(async () => {
        const before = new Set((view.modules ?? []).map((m) => m.id));
        const modules = await unwrap(api().pkcs11AddModule({}));
        if (!modules) return patch({ done: { kind: 'cancelled' } });
        const added = modules.find((m) => !before.has(m.id));
        patch({ modules, done: { kind: 'module-added', name: added?.name ?? '' } });
      }),
    [run, view.modules],
  );

  /** Forgets a library the user added. */
  const removeModule = useCallback(
    (m: CardModuleDto) => run(async () => patch({ modules: await unwrap(api().pkcs11RemoveModule({ moduleId: m.id })), done: { kind: 'module-removed', name: m.name } })),
    [run],
  );

  return { view, refresh, addModule, removeModule };
}
