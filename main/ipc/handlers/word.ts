import { basename } from 'node:path';
import type { HandlersFor } from '../../../shared/ipc/define';
import type { wordChannels } from '../../../shared/ipc/channels/word';
import type { DialogPort } from '../../ports';
import type { ConventionStore } from '../../storage/types';
import { exportWordToFile, importWordFile } from '../../word/index';
import { dismissImportFindings, keepImportFindings, readImportFindings } from '../../word/import-findings';
import { fileSlug } from './conventions';

/** What the Word handlers need: the store and main's file dialogs. */
export interface WordHandlerDeps {
  readonly store: ConventionStore;
  readonly dialog: DialogPort;
  /** Today's date for a document that states none (tests fix it). */
  readonly now?: () => Date;
  /** Id of a new convention (tests may pass a counter). */
  readonly newId?: () => string;
}

const WORD_FILTER = [{ name: 'Document Word (.docx)', extensions: ['docx'] }];

/** The handlers of the Word channels. */
export function createWordHandlers(deps: WordHandlerDeps): HandlersFor<typeof wordChannels> {
  const now = deps.now ?? (() => new Date());
  return {
    'convention:export-word': async ({ id }) => {
      const record = await deps.store.get(id);
      const path = await deps.dialog.chooseSavePath({
        title: 'Exporter en Word',
        defaultName: `${fileSlug(record.summary.shortTitle || record.summary.title)}.docx`,
        filters: WORD_FILTER,
      });
      if (path === null) return { saved: false as const };
      // Until it is finalized, every page says « Projet »: a review copy, not the one to sign.
      await exportWordToFile(record.convention, path, { draft: record.finalized === undefined });
      await deps.store.appendAudit(id, 'exported', `${basename(path)} (Word)`);
      return { saved: true as const, path };
    },
    'convention:import-word': async () => {
      const path = await deps.dialog.chooseOpenPath({ title: 'Importer un document Word', filters: WORD_FILTER });
      if (path === null) return null;
      const today = now().toISOString().slice(0, 10);
      // Refusals throw before anything is stored.
      const { convention, findings } = await importWordFile(path, { today, ...(deps.newId ? { id: deps.newId() } : {}) });
      const record = await deps.store.create(convention, 'imported');
      await keepImportFindings(deps.store, record.summary.id, basename(path), findings, now());
      return { summary: record.summary, findings };
    },
    'convention:import-findings': async ({ id }) => readImportFindings(deps.store, id),
    'convention:dismiss-import-findings': async ({ id }) => ({ dismissed: await dismissImportFindings(deps.store, id, now()) }),
  };
}
