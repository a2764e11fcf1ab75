import { randomUUID } from 'node:crypto';
import { UserError } from '../../shared/errors';
import type { Convention } from '../../shared/model/convention';
import { parseConvention, type Finding } from '../../shared/model/migrate';
import { checkDocx } from './docx-guard';
import { parseHtml } from './html';
import { mapHtmlToConvention } from './map';

/*
 * Word → convention: the guard (docx-guard.ts) refuses what must not be opened, mammoth turns
 * the document into semantic HTML (headings by style, lists, tables, bold/italic), map.ts
 * reads the convention out of it, and the result is parsed by the model's schema before it is
 * returned: an import either gives a valid draft or a French message, nothing in between.
 */

/** Word's heading styles, English and French ids and names, and the document title. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1.titre:fresh",
  "p[style-name='Titre'] => h1.titre:fresh",
  'p.Titre => h1.titre:fresh',
  "p[style-name='Titre 1'] => h1:fresh",
  "p[style-name='Titre 2'] => h2:fresh",
  "p[style-name='Titre 3'] => h3:fresh",
  "p[style-name='Titre 4'] => h4:fresh",
  'p.Titre1 => h1:fresh',
  'p.Titre2 => h2:fresh',
  'p.Titre3 => h3:fresh',
  'p.Titre4 => h4:fresh',
];

/** What an import gives: a valid new draft, and what the reader noticed (French). */
export interface WordImport {
  readonly convention: Convention;
  readonly findings: Finding[];
}

/** Options of an import. */
export interface WordImportOptions {
  /** Shown in messages: « rapport.docx ». */
  readonly fileName?: string;
  /** Id of the new convention (a new UUID by default). */
  readonly id?: string;
  /** ISO date used when the document states none (today by default). */
  readonly today?: string;
}

/** Reads a .docx into a new draft; throws a UserError (French) for a file it must refuse. */
export async function importWord(bytes: Uint8Array, options: WordImportOptions = {}): Promise<WordImport> {
  checkDocx(bytes, options.fileName);
  const name = options.fileName ? `« ${options.fileName} »` : 'Ce document';
  // Imported lazily: mammoth and its dependencies load only when a document is read.
  const mammoth = (await import('mammoth')).default;
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        // Images are not part of the model: never decoded, only noted.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      },
    );
    html = result.value;
  } catch (e) {
    const detail = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 160) : String(e);
    throw new UserError('word-corrupt', `${name} n'a pas pu être lu comme un document Word (${detail}). Ouvrez-le dans Word, enregistrez-le au format .docx, puis réessayez.`);
  }
  const mapped = mapHtmlToConvention(parseHtml(html), {
    id: options.id ?? randomUUID(),
    today: options.today ?? new Date().toISOString().slice(0, 10),
  });
  const parsed = parseConvention(mapped.convention);
  if (!parsed.ok) {
    throw new UserError(
      'word-unmappable',
      `${name} a été lu, mais la convention qui en résulte n'est pas valable (${parsed.message}). Rien n'a été créé ; signalez le problème avec le document.`,
      { findings: parsed.findings },
    );
  }
  return { convention: parsed.convention, findings: mapped.findings };
}
