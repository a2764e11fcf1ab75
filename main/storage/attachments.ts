import { join } from 'node:path';
import { UserError } from '../../shared/errors';
import { sha256Hex } from './canonical';
import { writeFileDurable } from './durable-file';
import { linkRefused, writeFailed } from './errors';
import { fileRelPath, type FileEntry, type RecordDoc, type StorePaths } from './layout';
import { DamagedFileError, assertRealDir, ensureDir } from './records';
import type { AttachFileInput } from './types';

/**
 * Writes a generated file durably under files/<id>/ and adds it, with its SHA-256, to the
 * record (which the caller then commits). The name says its kind and version, so a record
 * rebuilt after damage can find the file again.
 */
export async function writeAttachment(paths: StorePaths, doc: RecordDoc, file: AttachFileInput, at: string): Promise<FileEntry> {
  const label = file.label.trim();
  if (!label) throw new UserError('file-label-empty', 'Donnez un intitulé au fichier (ex. « PDF pour signature »).');
  const ext = file.extension ?? (file.kind === 'report' ? 'json' : 'pdf');
  if (!/^[a-z0-9]{1,8}$/.test(ext)) throw new UserError('file-extension', `Extension de fichier non valable « ${ext} » : lettres minuscules et chiffres seulement.`);
  const id = doc.summary.id;
  const dir = paths.filesDir(id);
  let k = doc.files.length + 1;
  let name = `${file.kind}-v${doc.summary.version}-${k}.${ext}`;
  while (doc.files.some((f) => f.relPath.endsWith(name))) name = `${file.kind}-v${doc.summary.version}-${++k}.${ext}`;
  const full = join(dir, name);
  try {
    // Never through a link put in place of files/ or of this convention's folder in it.
    await assertRealDir(paths.files);
    await assertRealDir(dir);
    await ensureDir(dir);
    await writeFileDurable(full, file.bytes);
  } catch (e) {
    if (e instanceof DamagedFileError) throw linkRefused(e.file);
    throw writeFailed(e);
  }
  const entry: FileEntry = {
    kind: file.kind,
    relPath: fileRelPath(id, name),
    sha256: sha256Hex(file.bytes),
    size: file.bytes.length,
    createdAt: at,
    label,
    version: doc.summary.version,
  };
  doc.files.push(entry);
  return entry;
}
