import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { UserError } from '../../shared/errors';
import type { Convention } from '../../shared/model/convention';
import { writeFileAtomic } from '../pdf/write';
import { MAX_DOCX_BYTES } from './docx-guard';
import { exportWord, type WordExportOptions } from './export';
import { importWord, type WordImport, type WordImportOptions } from './import';

/*
 * Word in and out. `exportWord` (convention → .docx bytes) and `importWord` (.docx bytes → a
 * new valid draft and findings) are pure of I/O; the two helpers below read and write files
 * for the CLI and the IPC handlers.
 */
export { exportWord, DRAFT_MARK, type WordExportOptions } from './export';
export { importWord, type WordImport, type WordImportOptions } from './import';
export { checkDocx, MAX_DOCX_BYTES, MAX_ENTRIES, MAX_UNCOMPRESSED_BYTES } from './docx-guard';

/** Writes the .docx of a convention, all or nothing. */
export async function exportWordToFile(c: Convention, path: string, options: WordExportOptions): Promise<{ path: string; sha256: string; bytes: number }> {
  const bytes = await exportWord(c, options);
  const written = await writeFileAtomic(path, bytes);
  return { ...written, bytes: bytes.length };
}

/** Reads a .docx file (never more than the guard admits) and imports it. */
export async function importWordFile(path: string, options: Omit<WordImportOptions, 'fileName'> = {}): Promise<WordImport> {
  const name = basename(path);
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('file-not-found', `Le fichier « ${name} » n'existe pas. Vérifiez le chemin.`);
    if (code === 'EISDIR') throw new UserError('is-a-directory', `« ${name} » est un dossier : choisissez un document Word (.docx).`);
    throw new UserError('file-unreadable', `Le fichier « ${name} » ne peut pas être lu (${code ?? 'erreur inconnue'}). Vérifiez ses permissions.`);
  }
  let bytes: Buffer;
  try {
    const { size } = await handle.stat();
    if (size > MAX_DOCX_BYTES) {
      throw new UserError('word-too-large', `« ${name} » pèse ${Math.round(size / 1024 / 1024)} Mo, plus que les ${MAX_DOCX_BYTES / 1024 / 1024} Mo admis. Retirez les images volumineuses du document, enregistrez-le, puis réessayez.`);
    }
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  return importWord(bytes, { ...options, fileName: name });
}
