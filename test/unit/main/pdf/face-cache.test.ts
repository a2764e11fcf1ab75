import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The command line keeps Marianne decompressed between calls (main/pdf/fonts.ts, keepFacesIn;
 * out/cli/fonts/ beside the bundles). Each check runs loadMarianne in a fresh process, as a
 * call does: the folder is filled by the first, read by the next, and a damaged file is
 * replaced, never used.
 */
const root = resolve(import.meta.dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'paraphe-face-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads the family in a fresh process with `kept` as the folder; returns each face's SHA-256 and name. */
function load(kept: string | undefined): Record<string, string> {
  const code = `const { createHash } = await import('node:crypto');
const { keepFacesIn, loadMarianne } = await import('./main/pdf/fonts.ts');
keepFacesIn(${JSON.stringify(kept)});
const f = loadMarianne();
console.log(JSON.stringify(Object.fromEntries(Object.entries(f).map(([s, face]) => [s, createHash('sha256').update(face.bytes).digest('hex') + ' ' + face.postscriptName + ' ' + face.metrics.advance(0x41)]))));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Record<string, string>;
}

describe('Marianne kept decompressed between processes', () => {
  it('writes the four faces once, reads them back, and they are the faces decompressed afresh', () => {
    const kept = join(dir, 'fonts');
    const fresh = load(undefined);
    const first = load(kept);
    expect(first).toEqual(fresh);
    const files = readdirSync(kept).filter((f) => f.endsWith('.otf'));
    expect(files).toHaveLength(4);
    const mtimes = files.map((f) => statSync(join(kept, f)).mtimeMs);
    const second = load(kept);
    expect(second).toEqual(fresh);
    // Read, not rewritten.
    expect(files.map((f) => statSync(join(kept, f)).mtimeMs)).toEqual(mtimes);
  });

  it('a kept file of the wrong size is decompressed again and replaced', () => {
    const kept = join(dir, 'fonts');
    const victim = join(kept, readdirSync(kept).find((f) => f.endsWith('.otf'))!);
    const good = readFileSync(victim);
    writeFileSync(victim, good.subarray(0, good.length - 100));
    expect(load(kept)).toEqual(load(undefined));
    expect(readFileSync(victim).equals(good)).toBe(true);
  });

  it('an unwritable folder costs nothing but the work', () => {
    const blocked = join(dir, 'fichier');
    writeFileSync(blocked, 'pas un dossier');
    expect(load(join(blocked, 'fonts'))).toEqual(load(undefined));
  });
});
