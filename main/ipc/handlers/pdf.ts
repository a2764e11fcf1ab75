import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../../shared/errors';
import type { CallContext, HandlersFor } from '../../../shared/ipc/define';
import type { pdfChannels } from '../../../shared/ipc/channels/pdf';
import { parseConvention } from '../../../shared/model/migrate';
import { renderConvention, type RenderOptions } from '../../pdf/lazy';
import { writeFileAtomic } from '../../pdf/write';
import type { ConventionStore } from '../../storage/types';
import type { TaskRunner } from '../worker/runner';

/** What the PDF handlers need: the store, and where draft previews go. */
export interface PdfHandlerDeps {
  readonly store: ConventionStore;
  /** Folder of preview files for drafts not yet stored (default: `<data>/previews`). */
  readonly previewDir?: string;
  /** Where rendering runs: the app's worker thread; here, in this thread, when absent. */
  readonly tasks?: Pick<TaskRunner, 'renderConvention'>;
}

/** A file-name-safe form of an id. */
function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 80) || 'brouillon';
}

/** The render options of a call: its date, and its progress sent to the window that asked. */
function optionsOf(input: { date?: string | undefined }, context: CallContext | undefined, extra: RenderOptions = {}): RenderOptions {
  return {
    ...extra,
    ...(input.date !== undefined ? { date: input.date } : {}),
    ...(context ? { onProgress: (p) => context.progress({ task: 'render', ...p }) } : {}),
  };
}

/** The handlers of the PDF channels. */
export function createPdfHandlers(deps: PdfHandlerDeps): HandlersFor<typeof pdfChannels> {
  const previewDir = deps.previewDir ?? join(deps.store.dataDir, 'previews');
  // Without a worker, the PDF engine is imported at the first render (pdf/lazy.ts).
  const render = deps.tasks ? deps.tasks.renderConvention : renderConvention;
  return {
    'pdf:render': async (input, context) => {
      if ('conventionId' in input) {
        const record = await deps.store.get(input.conventionId);
        // Main never trusts what was stored either: renderConvention validates again.
        const result = await render(record.convention, optionsOf(input, context));
        const n = result.pageCount;
        // attachFile writes the file durably, records its SHA-256 and adds the 'rendered' audit entry.
        const stored = await deps.store.attachFile(input.conventionId, {
          kind: 'pdf',
          label: `PDF pour signature (${n} page${n > 1 ? 's' : ''})`,
          bytes: result.bytes,
        });
        return { path: stored.path, pageCount: n, sha256: stored.sha256, warnings: result.warnings };
      }
      const parsed = parseConvention(input.convention);
      if (!parsed.ok) throw new UserError('invalid-convention', `${parsed.message} Corrigez la convention avant l'aperçu.`, parsed.findings);
      const result = await render(parsed.convention, optionsOf(input, context));
      await mkdir(previewDir, { recursive: true });
      const written = await writeFileAtomic(join(previewDir, `apercu-${slug(parsed.convention.id)}.pdf`), result.bytes);
      return { path: written.path, pageCount: result.pageCount, sha256: written.sha256, warnings: result.warnings };
    },
    'pdf:preview': async (input, context) => {
      let convention;
      if ('conventionId' in input) convention = (await deps.store.get(input.conventionId)).convention;
      else {
        const parsed = parseConvention(input.convention);
        if (!parsed.ok) throw new UserError('invalid-convention', `${parsed.message} Corrigez la convention avant l'aperçu.`, parsed.findings);
        convention = parsed.convention;
      }
      // An unfinished draft is previewed too, marked « Projet » on every page and without signature fields.
      const result = await render(convention, optionsOf(input, context, { draft: true }));
      return { base64: Buffer.from(result.bytes).toString('base64'), pageCount: result.pageCount, warnings: result.warnings };
    },
  };
}
