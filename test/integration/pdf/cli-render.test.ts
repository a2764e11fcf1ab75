import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../main/cli/index';
import { renderCommand } from '../../../main/cli/commands/render';
import { getTemplate } from '../../../shared/templates/index';
import { smallConvention } from '../../fixtures/conventions';
import { memoryIo } from '../../unit/main/cli/memory-io';
import { run } from './tools';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-render-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
};

describe('paraphe render', () => {
  it('writes the PDF of a valid draft and says where, with its page count and SHA-256', async () => {
    write('ok.json', smallConvention());
    const io = memoryIo({ cwd: dir });
    expect(await main(['render', 'ok.json', '-o', 'ok.pdf'], io)).toBe(0);
    const pdf = readFileSync(join(dir, 'ok.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(io.out()).toMatch(/^PDF écrit : .*ok\.pdf \(\d+ pages?, SHA-256 [0-9a-f]{64}\)\n$/);
    expect(run('qpdf', ['--check', join(dir, 'ok.pdf')]).status).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads the draft on standard input with « - » and honours --date (same date, same bytes)', async () => {
    const stdin = JSON.stringify(smallConvention());
    const a = memoryIo({ cwd: dir, stdin });
    expect(await main(['render', '-', '-o', 'a.pdf', '--date', '2022-05-06'], a)).toBe(0);
    const b = memoryIo({ cwd: dir, stdin });
    expect(await main(['render', '-', '--output=b.pdf', '--date=2022-05-06'], b)).toBe(0);
    expect(Buffer.compare(readFileSync(join(dir, 'a.pdf')), readFileSync(join(dir, 'b.pdf')))).toBe(0);
    expect(run('pdfinfo', [join(dir, 'a.pdf')]).stdout).toMatch(/CreationDate:.*2022/);
  });

  it('prints the validator’s findings, exits 1 and writes no file for an invalid draft', async () => {
    const c = smallConvention();
    c.place = '';
    c.signatories[0]!.partyId = 'personne';
    write('bad.json', c);
    const io = memoryIo({ cwd: dir });
    expect(await main(['render', 'bad.json', '-o', 'bad.pdf'], io)).toBe(1);
    expect(existsSync(join(dir, 'bad.pdf'))).toBe(false);
    const lines = io.out().trim().split('\n');
    expect(lines).toContain('place : Indiquez le lieu de signature (« Fait à … »).');
    expect(lines).toContainEqual(expect.stringMatching(/^signatories\[0\]\.partyId : Le signataire 1 n'est rattaché à aucune partie/));
    expect(io.err()).toContain("2 erreurs dans la convention");
    expect(io.err()).toContain("Aucun PDF n'a été écrit");
  });

  it('reports a draft that is not a convention, or not JSON, with its findings and no file', async () => {
    write('shape.json', { schemaVersion: 1, id: 'x' });
    const io = memoryIo({ cwd: dir });
    expect(await main(['render', 'shape.json', '-o', 'shape.pdf'], io)).toBe(1);
    expect(io.out()).toMatch(/^title : /m);
    expect(existsSync(join(dir, 'shape.pdf'))).toBe(false);
    write('broken.json', '{ "schemaVersion": 1,');
    const io2 = memoryIo({ cwd: dir });
    expect(await main(['render', 'broken.json', '-o', 'broken.pdf'], io2)).toBe(1);
    expect(io2.err()).toMatch(/n'est pas du JSON valide/);
    expect(existsSync(join(dir, 'broken.pdf'))).toBe(false);
  });

  it('says clearly when the output cannot be written, and leaves nothing behind', async () => {
    write('ok2.json', smallConvention());
    const missing = memoryIo({ cwd: dir });
    expect(await main(['render', 'ok2.json', '-o', 'nulle-part/sortie.pdf'], missing)).toBe(1);
    expect(missing.err()).toMatch(/Impossible d'écrire « .*sortie\.pdf » : le dossier « .*nulle-part » n'existe pas\. Créez-le ou choisissez un autre emplacement\./);
    const asDir = memoryIo({ cwd: dir });
    mkdirSync(join(dir, 'un-dossier'));
    expect(await main(['render', 'ok2.json', '-o', 'un-dossier'], asDir)).toBe(1);
    expect(asDir.err()).toMatch(/est un dossier : indiquez un nom de fichier/);
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'lecture-seule');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      const io = memoryIo({ cwd: dir });
      expect(await main(['render', 'ok2.json', '-o', 'lecture-seule/x.pdf'], io)).toBe(1);
      expect(io.err()).toMatch(/vous n'avez pas le droit d'écrire/);
      expect(readdirSync(ro)).toEqual([]);
    }
  });

  it('refuses bad usage with exit 2: no output, unknown option, impossible date, output over the input', async () => {
    write('in.json', smallConvention());
    for (const [argv, msg] of [
      [['render', 'in.json'], /indiquez le PDF à écrire avec -o/],
      [['render', '-o', 'x.pdf'], /indiquez la convention/],
      [['render', 'in.json', '-o', 'x.pdf', '--couleur'], /option inconnue « --couleur »/],
      [['render', 'in.json', '-o', 'x.pdf', '--date', '2021-02-30'], /la date « 2021-02-30 » n'est pas valable/],
      [['render', 'in.json', '-o', 'in.json'], /remplacerait la convention elle-même/],
    ] as const) {
      const io = memoryIo({ cwd: dir });
      expect(await main([...argv], io)).toBe(2);
      expect(io.err()).toMatch(msg);
    }
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  it('prints its French usage for --help', async () => {
    const io = memoryIo({ cwd: dir });
    expect(await main(['render', '--help'], io)).toBe(0);
    expect(io.out()).toBe(renderCommand.usage);
    expect(io.out()).toMatch(/^Usage : paraphe render <brouillon\.json \| -> -o <sortie\.pdf> \[--date AAAA-MM-JJ\]/);
  });

  it('works as a real process: paraphe template show | paraphe render - -o …', () => {
    const root = resolve(import.meta.dirname, '..', '..', '..');
    const bin = join(root, 'bin', 'paraphe.mjs');
    const json = JSON.stringify(getTemplate('exemple-camino-2020')!.build());
    const out = join(dir, 'camino.pdf');
    const r = spawnSync(process.execPath, [bin, 'render', '-', '-o', out], { input: json, encoding: 'utf8', cwd: dir, timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/PDF écrit : .*camino\.pdf \(\d+ pages, SHA-256/);
    expect(run('pdftotext', [out, '-']).stdout).toContain('Fait à Paris, en quatre originaux, le 26 mars 2020');
  });
});
