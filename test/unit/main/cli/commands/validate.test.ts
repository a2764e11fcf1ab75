import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatFinding, parseJsonText, validateCommand } from '../../../../../main/cli/commands/validate';
import { UserError } from '../../../../../shared/errors';
import { memoryIo } from '../memory-io';

const fixtures = fileURLToPath(new URL('../../../../fixtures/json/', import.meta.url));
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'paraphe-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], stdin?: string) {
  const io = memoryIo({ cwd: fixtures, ...(stdin === undefined ? {} : { stdin }) });
  const code = await validateCommand.run(argv, io).catch((e: unknown) => {
    if (e instanceof UserError) return { thrown: e };
    throw e;
  });
  return { code, out: io.out(), err: io.err() };
}

describe('paraphe validate', () => {
  it('exits 0 on the worked example and says it is valid', async () => {
    expect(await run(['exemple-camino-2020.json'])).toEqual({ code: 0, out: '', err: 'Convention valide : aucun problème trouvé.\n' });
  });

  it('exits 0 with warnings printed one a line, « path : message »', async () => {
    const r = await run(['avertissements.json']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      'visas : (avertissement) Aucun visa : ajoutez les textes de référence (« Vu le décret … »).',
      expect.stringMatching(/^budget\.rows\[1\]\.cp : \(avertissement\) Les CP \(120\u202f000\u00a0EUR\) dépassent les AE/),
    ]);
    expect(r.err).toBe('Convention valide, avec 2 avertissements.\n');
  });

  it('exits 1 with errors first, then warnings, and a count', async () => {
    const r = await run(['erreurs.json']);
    expect(r.code).toBe(1);
    const lines = r.out.split('\n').filter(Boolean);
    expect(lines.map((l) => l.split(' : ')[0])).toEqual([
      'budget.rows[0].ae[1].amountCents',
      'budget.rows[1].uo',
      'signatories[1].partyId',
      'budget.rows[0].cp',
      'accounting[1].uo',
      'parties[1]',
    ]);
    expect(lines.slice(0, 3).every((l) => !l.includes('(avertissement)'))).toBe(true);
    expect(lines.slice(3).every((l) => l.includes(' : (avertissement) '))).toBe(true);
    expect(r.err).toBe('paraphe validate : 3 erreurs, 3 avertissements. Corrigez les erreurs puis relancez la vérification.\n');
  });

  it('reads standard input for « - »', async () => {
    expect((await run(['-'], fixture('exemple-camino-2020.json'))).code).toBe(0);
    const r = await run(['-'], fixture('pas-du-json.json'));
    expect(r.code).toEqual({ thrown: expect.any(UserError) });
    expect((r.code as { thrown: UserError }).thrown.message).toBe(
      "L'entrée standard n'est pas du JSON valide (ligne 4, colonne 3). Une convention Paraphe s'exporte au format JSON (voir docs/format.md).",
    );
  });

  it('reports a shape problem with the field paths, exit 1', async () => {
    const r = await run(['forme-invalide.json']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('paraphe validate : « forme-invalide.json » : Cette convention ne respecte pas le format attendu (3 problèmes).\n');
    expect(r.out.split('\n').filter(Boolean).map((l) => l.split(' : ')[0])).toEqual(['place', 'originals', 'budget.rows[0].ae[0].amountCents']);
  });

  it.each([
    ['pas-une-convention.json', /schemaVersion/],
    ['format-futur.json', /version plus récente de Paraphe/],
  ])('%s is not a convention it can read: exit 1, French message', async (name, message) => {
    const r = await run([name]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it.each([
    ['absent.json', 'file-not-found', /Le fichier « absent\.json » n'existe pas\. Vérifiez le chemin/],
    ['.', 'is-a-directory', /« \. » est un dossier/],
  ])('%s: a UserError saying what to do', async (arg, code, message) => {
    const r = await run([arg]);
    const thrown = (r.code as { thrown: UserError }).thrown;
    expect(thrown.code).toBe(code);
    expect(thrown.message).toMatch(message);
  });

  it('an empty file, a BOM, a file it may not read', async () => {
    const empty = join(dir, 'vide.json');
    writeFileSync(empty, '  \n');
    expect(((await run([empty])).code as { thrown: UserError }).thrown.code).toBe('empty-input');
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, `\ufeff${fixture('exemple-camino-2020.json')}`);
    expect((await run([bom])).code).toBe(0);
    // Root reads any file whatever its mode: the check only means something for other users.
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'verrou.json');
      writeFileSync(locked, '{}');
      chmodSync(locked, 0o000);
      expect(((await run([locked])).code as { thrown: UserError }).thrown.code).toBe('file-unreadable');
    }
  });

  it.each([[[]], [['a.json', 'b.json']], [['--strict', 'a.json']]])('%j is bad usage: exit 2', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^paraphe validate : .*Usage : paraphe validate <fichier\.json \| ->\n$/);
  });
});

describe('helpers', () => {
  it('formatFinding writes « path : message », warnings tagged, the document as « (convention) »', () => {
    expect(formatFinding({ severity: 'error', path: 'title', message: 'Donnez un titre.' })).toBe('title : Donnez un titre.');
    expect(formatFinding({ severity: 'warning', path: 'visas', message: 'Aucun visa.' })).toBe('visas : (avertissement) Aucun visa.');
    expect(formatFinding({ severity: 'error', path: '', message: 'x' })).toBe('(convention) : x');
  });

  it('parseJsonText points at the line and column of a syntax error', () => {
    expect(() => parseJsonText('{\n  "a": 1,\n  oops\n}', '« f.json »')).toThrow(/^« f\.json » n'est pas du JSON valide \(ligne 3, colonne 3\)/);
    expect(parseJsonText('{"a":1}', 'x')).toEqual({ a: 1 });
  });
});
