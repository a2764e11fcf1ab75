import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../main/storage/index';
import { bundleChild, useDataFolder } from './data-folder';
import { sampleConvention, withEditedArticle } from '../../unit/main/storage/sample-convention';

/*
 * One unreadable or oversized file stops one convention, never the store: the others open,
 * the damaged one is set aside and reported in French, and no file handle is left open.
 * Permissions mean nothing to root, so the « permissions 000 » cases open the store in a child
 * process run as `nobody` (setpriv); they are skipped, saying why, when not run as root.
 */

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
let childScript: string;
beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'paraphe-unreadable-child-'));
  childScript = await bundleChild('open-child', work);
  chmodSync(work, 0o755);
  return () => rmSync(work, { recursive: true, force: true });
});

const folder = useDataFolder('paraphe-unreadable-', async (s) => {
  for (const name of ['A', 'B', 'C']) {
    const c = (await s.create(sampleConvention({ id: name.toLowerCase(), title: `Convention ${name}`, articles: 2, paragraphs: 1 }))).convention;
    await s.save(withEditedArticle(c, 1, 'Deuxième version')); // a backup to restore from
  }
});

const record = (id: string) => join(folder.dir, 'conventions', id, 'record.json');
const openFds = () => readdirSync('/proc/self/fd').length;

/** Opens the store as `nobody` in a child process; what it saw. */
function openAsNobody(): { titles?: string[]; recovery?: { message: string; items: Array<{ file: string; movedTo: string }> } | null; error?: unknown } {
  execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, folder.root]);
  const out = execFileSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, childScript, folder.dir], { encoding: 'utf8' });
  return JSON.parse(out.trim()) as ReturnType<typeof openAsNobody>;
}

describe.skipIf(!isRoot || !hasSetpriv)('unreadable files, opened as an unprivileged user (needs folder.root and setpriv)', () => {
  it('a record with permissions 000: set aside and restored from its backup, the others open', () => {
    chmodSync(record('b'), 0o000);
    const seen = openAsNobody();
    expect(seen.error).toBeUndefined();
    expect(seen.titles).toEqual(['Convention A', 'Convention B', 'Convention C']);
    expect(seen.recovery?.message).toMatch(/« Convention B » était endommagée : elle a été rétablie depuis sa copie de secours( complétée par l'historique)?, à la version 2/);
    const aside = readdirSync(join(folder.dir, 'recovered'));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/conventions_b_record\.json$/);
    expect(statSync(join(folder.dir, 'recovered', aside[0]!)).mode & 0o777).toBe(0);
  });

  it('a convention folder with permissions 000: left out of the list and reported, the others open; back once readable', () => {
    chmodSync(join(folder.dir, 'conventions', 'b'), 0o000);
    const seen = openAsNobody();
    expect(seen.error).toBeUndefined();
    expect(seen.titles).toEqual(['Convention A', 'Convention C']);
    expect(seen.recovery?.message).toMatch(/La convention « Convention B » n'a pas pu être lue \(EACCES\) : elle n'apparaît pas dans la liste pour le moment.*Vérifiez que vous avez le droit de lire le dossier/);
    chmodSync(join(folder.dir, 'conventions', 'b'), 0o755);
    const again = openAsNobody();
    expect(again.titles).toEqual(['Convention A', 'Convention B', 'Convention C']);
    expect(again.recovery).toBeNull();
  });
});

describe('an oversized record', () => {
  it('a 700 MB sparse record: set aside unread, restored from its backup, the others open, no handle left open', async () => {
    const size = 700 * 1024 * 1024;
    truncateSync(record('b'), size); // sparse: no disk used
    const fds = openFds();
    folder.store = await openStore(folder.dir);
    expect((await folder.store.list()).map((s) => s.title).sort()).toEqual(['Convention A', 'Convention B', 'Convention C']);
    expect(folder.store.recovery?.message).toMatch(/« Convention B » était endommagée : elle a été rétablie depuis sa copie de secours/);
    expect((await folder.store.get('b')).summary.version).toBe(2);
    await folder.store.close();
    folder.store = undefined;
    expect(openFds()).toBe(fds);
    const aside = readdirSync(join(folder.dir, 'recovered'));
    expect(aside).toHaveLength(1);
    expect(statSync(join(folder.dir, 'recovered', aside[0]!)).size).toBe(size);
  });

  it('above the full-check threshold: found by its size just after start-up', async () => {
    truncateSync(record('b'), 700 * 1024 * 1024);
    folder.store = await openStore(folder.dir, { fullCheckUpTo: 0 });
    await folder.store.settled();
    expect(folder.store.recovery?.message).toMatch(/« Convention B » était endommagée/);
    expect(statSync(record('b')).size).toBeLessThan(1024 * 1024);
    expect((await folder.store.get('b')).summary.title).toBe('Convention B');
  });

  it('a save that would write a record above the limit is refused in French, the last version intact', async () => {
    folder.store = await openStore(folder.dir);
    const a = (await folder.store.get('a')).convention;
    const huge = { ...a, articles: [...a.articles, ...Array.from({ length: 4_000 }, (_, i) => ({ id: `x${i}`, title: 'Article', body: [{ kind: 'paragraph' as const, runs: [{ text: 'é'.repeat(19_000) }] }] }))] };
    await expect(folder.store.save(huge)).rejects.toMatchObject({ code: 'convention-too-large', message: expect.stringMatching(/^La convention « Convention A » est trop volumineuse pour être enregistrée \(\d+ Mo .* au plus 64 Mo\)/) });
    expect((await folder.store.get('a')).summary.version).toBe(2);
  });
});
