import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTemplate } from '../../../shared/templates/index';

/** The real command line, run as a user runs it: `node bin/paraphe.mjs …` and `npx paraphe …`. */
const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const bin = join(root, 'bin', 'paraphe.mjs');
const fixtures = join(root, 'test', 'fixtures', 'json');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'paraphe-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function paraphe(args: string[], opts: { input?: string; cwd?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? dir,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, PARAPHE_DEBUG: '', ...opts.env },
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at |node:internal|Error:/);

describe('paraphe, the real binary', () => {
  it('prints its French help with no argument and with --help', () => {
    for (const args of [[], ['--help'], ['-h']]) {
      const r = paraphe(args);
      expect(r.code).toBe(0);
      expect(r.out).toContain('Usage : paraphe <commande>');
      expect(r.out).toMatch(/^ {2}template +liste les modèles/m);
      expect(r.out).toMatch(/^ {2}validate +vérifie une convention/m);
    }
  });

  it('prints the usage of each command with --help', () => {
    expect(paraphe(['template', '--help']).out).toMatch(/^Usage : paraphe template <list \| show>/);
    expect(paraphe(['validate', '-h']).out).toMatch(/^Usage : paraphe validate <fichier\.json \| ->/);
  });

  it('prints its version', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(paraphe(['--version'])).toEqual({ code: 0, out: `paraphe ${pkg.version}\n`, err: '' });
  });

  it('refuses an unknown command with exit 2 and a French message', () => {
    const r = paraphe(['signer']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^paraphe : Commande inconnue : « signer »/);
  });

  it('lists templates and shows one as JSON that validates', () => {
    const list = paraphe(['template', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^delegation-de-gestion /m);
    expect(list.out).toMatch(/^exemple-camino-2020 /m);
    const show = paraphe(['template', 'show', 'exemple-camino-2020']);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.out)).toEqual(getTemplate('exemple-camino-2020')!.build());
    const file = join(dir, 'camino.json');
    writeFileSync(file, show.out);
    expect(paraphe(['validate', 'camino.json'])).toEqual({ code: 0, out: '', err: 'Convention valide : aucun problème trouvé.\n' });
    expect(paraphe(['validate', '-'], { input: show.out }).code).toBe(0);
  });

  it('validate: exit 1 with the findings one a line, path then French message', () => {
    const r = paraphe(['validate', join(fixtures, 'erreurs.json')]);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(line).toMatch(/^[a-zA-Z[\].0-9]+ : \S/);
    expect(lines[0]).toBe('budget.rows[0].ae[1].amountCents : Le montant doit être positif (AE, ligne 2) : saisissez un montant supérieur à zéro.');
    expect(r.err).toContain('3 erreurs, 3 avertissements');
  });

  it('validate: exit 0 with warnings printed', () => {
    const r = paraphe(['validate', join(fixtures, 'avertissements.json')]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('visas : (avertissement) Aucun visa');
  });

  it.each([
    ['pas-du-json.json', /n'est pas du JSON valide \(ligne 4, colonne 3\)/],
    ['pas-une-convention.json', /n'est pas une convention Paraphe/],
    ['forme-invalide.json', /ne respecte pas le format attendu \(3 problèmes\)/],
    ['format-futur.json', /Mettez Paraphe à jour/],
    ['absent.json', /Le fichier « absent\.json » n'existe pas/],
  ])('validate %s: exit 1, a clear French message, never a stack trace', (name, message) => {
    const r = paraphe(['validate', name], { cwd: fixtures });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    noStack(r.err);
    noStack(r.out);
  });

  it('validate on a folder, on empty stdin, on garbage: exit 1, French', () => {
    const folder = paraphe(['validate', '.']);
    expect(folder.code).toBe(1);
    expect(folder.err).toMatch(/est un dossier/);
    const empty = paraphe(['validate', '-'], { input: '' });
    expect(empty.code).toBe(1);
    expect(empty.err).toMatch(/L'entrée standard est vide/);
    const garbage = paraphe(['validate', '-'], { input: '\u0000\u0001binaire' });
    expect(garbage.code).toBe(1);
    expect(garbage.err).toMatch(/n'est pas du JSON valide/);
    for (const r of [folder, empty, garbage]) noStack(r.err);
  });

  it('stops quietly when the reader of its output goes away', async () => {
    const child = spawn(process.execPath, [bin, 'template', 'show', 'exemple-camino-2020'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    expect(code).toBe(0);
    noStack(err);
  });

  it('works through npx, from another folder, via the node_modules/.bin symlink', () => {
    // A project that installed paraphe: its node_modules/.bin/paraphe links to our bin.
    const project = join(dir, 'projet');
    mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(bin, join(project, 'node_modules', '.bin', 'paraphe'));
    const viaLink = spawnSync(join(project, 'node_modules', '.bin', 'paraphe'), ['template', 'list'], { cwd: project, encoding: 'utf8' });
    expect(viaLink.status).toBe(0);
    expect(viaLink.stdout).toMatch(/^exemple-camino-2020 /m);
    // And npx in the repository itself, as README.md tells users to.
    const npx = spawnSync('npx', ['--no-install', 'paraphe', 'validate', join(fixtures, 'exemple-camino-2020.json')], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(npx.stderr).toContain('Convention valide');
    expect(npx.status).toBe(0);
  });
});

describe('bin/paraphe.mjs when something unexpected breaks', () => {
  let fake: string;
  beforeAll(() => {
    // The real bin file beside a main/cli that throws a programming error.
    fake = join(dir, 'casse');
    mkdirSync(join(fake, 'bin'), { recursive: true });
    mkdirSync(join(fake, 'main', 'cli'), { recursive: true });
    cpSync(bin, join(fake, 'bin', 'paraphe.mjs'));
    symlinkSync(join(root, 'node_modules'), join(fake, 'node_modules'));
    writeFileSync(join(fake, 'main', 'cli', 'index.ts'), "export async function main(): Promise<number> { const o: any = undefined; return o.boom; }\n");
    writeFileSync(join(fake, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(join(fake, 'main', 'cli', 'io.ts'), 'export function createNodeCliIo() { return {}; }\n');
  });

  it('prints a French one-liner and exits 1, no stack trace', () => {
    const r = spawnSync(process.execPath, [join(fake, 'bin', 'paraphe.mjs'), 'x'], { encoding: 'utf8', env: { ...process.env, PARAPHE_DEBUG: '' } });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^paraphe : erreur inattendue \(.*boom.*\)\. Relancez avec PARAPHE_DEBUG=1/);
  });

  it('adds the stack with PARAPHE_DEBUG=1', () => {
    const r = spawnSync(process.execPath, [join(fake, 'bin', 'paraphe.mjs'), 'x'], { encoding: 'utf8', env: { ...process.env, PARAPHE_DEBUG: '1' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});
