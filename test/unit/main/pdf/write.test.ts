import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUserError } from '../../../../shared/errors';
import { writeFileAtomic, writeFileAtomicSync } from '../../../../main/pdf/write';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-write-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = new Uint8Array(Buffer.from('%PDF-1.7\n' + 'x'.repeat(5000)));

/** The UserError `f` throws, or a failure if it throws none or another error. */
async function thrown(f: () => unknown) {
  try {
    await f();
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('aucune erreur');
}

// The app's version and `paraphe render`'s, held to the same behaviour.
describe.each([
  ['writeFileAtomic', writeFileAtomic],
  ['writeFileAtomicSync', writeFileAtomicSync],
] as const)('%s', (_name, write) => {
  it('writes the bytes, replaces an older file, returns the absolute path and the SHA-256 of what it wrote', async () => {
    const target = join(dir, 'sortie.pdf');
    writeFileSync(target, 'ancien contenu');
    const r = await write(target, bytes);
    expect(r.path).toBe(target);
    expect(readFileSync(target).equals(Buffer.from(bytes))).toBe(true);
    expect(r.sha256).toBe(createHash('sha256').update(readFileSync(target)).digest('hex'));
    expect(readdirSync(dir)).toEqual(['sortie.pdf']);
  });

  it('a folder that does not exist: the French message, nothing written', async () => {
    const e = await thrown(() => write(join(dir, 'nulle-part', 'sortie.pdf'), bytes));
    expect(e.code).toBe('output-dir-missing');
    expect(e.message).toMatch(/le dossier « .*nulle-part » n'existe pas\. Créez-le/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a folder given as the output: said so, the folder left as it was, no temporary file', async () => {
    const target = join(dir, 'un-dossier');
    mkdirSync(target);
    const e = await thrown(() => write(target, bytes));
    expect(e.code).toBe('output-is-directory');
    expect(e.message).toMatch(/est un dossier : indiquez un nom de fichier/);
    expect(readdirSync(dir)).toEqual(['un-dossier']);
    expect(readdirSync(target)).toEqual([]);
  });
});
