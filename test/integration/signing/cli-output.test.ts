/**
 * What `paraphe sign`, `render` and `identity create` write, run as real processes: refused
 * outputs (missing folder, a place the user may not write) with French messages and nothing
 * left behind, the usual permissions, the stamp in the signer's local time, and the report's
 * words for the revision a signature covers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';

const BIN = join(process.cwd(), 'bin', 'paraphe.mjs');
let pki: TestPki;
let dir: string;
let input: string;

const paraphe = (args: string[], env: Record<string, string> = {}, user?: number) =>
  spawnSync(user === undefined ? process.execPath : 'setpriv', user === undefined ? [BIN, ...args] : [`--reuid=${user}`, `--regid=${user}`, '--clear-groups', process.execPath, BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PARAPHE_PASSWORD: TEST_PASSWORD, ...env },
  });

beforeAll(async () => {
  pki = makeTestPki();
  dir = tempDir('paraphe-cli-out-');
  input = put(dir, 'convention.pdf', await makeFieldsPdf());
});

describe('outputs the user names', () => {
  it('-o into a folder that does not exist: refused in French, no folder created, exit 1', () => {
    const r = paraphe(['sign', input, '--p12', pki.rsa.p12, '-o', join(dir, 'absent', 'signe.pdf')]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/le dossier « .*absent » n'existe pas/);
    expect(r.stderr).not.toMatch(/ENOENT|\.tmp/);
    expect(existsSync(join(dir, 'absent'))).toBe(false);
  });

  it('a signed PDF and a rendered PDF get 0644 under a 022 umask; a test identity stays private (0600)', () => {
    const old = process.umask(0o022);
    try {
      expect(paraphe(['sign', input, '--p12', pki.rsa.p12, '-o', 'signe.pdf']).status).toBe(0);
      expect(statSync(join(dir, 'signe.pdf')).mode & 0o777).toBe(0o644);
      const json = paraphe(['template', 'show', 'exemple-camino-2020']).stdout;
      put(dir, 'modele.json', Buffer.from(json));
      const rendered = paraphe(['render', 'modele.json', '-o', 'modele.pdf']);
      expect(rendered.status, rendered.stderr).toBe(0);
      expect(statSync(join(dir, 'modele.pdf')).mode & 0o777).toBe(0o644);
      expect(paraphe(['identity', 'create', '--name', 'Agent ESSAI', '--org', 'MTES', '-o', 'essai.p12']).status).toBe(0);
      expect(statSync(join(dir, 'essai.p12')).mode & 0o777).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('a folder the user may not write to: a French message, no temporary file left', () => {
    if (process.getuid?.() !== 0 || spawnSync('setpriv', ['--version']).status !== 0) {
      // As an ordinary user, a read-only folder of our own does the same.
      const ro = join(dir, 'lecture-seule');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      const r = paraphe(['sign', input, '--p12', pki.rsa.p12, '-o', join(ro, 'signe.pdf')]);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/vous n'avez pas le droit d'écrire/);
      return;
    }
    const ro = join(dir, 'reserve');
    mkdirSync(ro, { mode: 0o755 });
    chmodSync(dir, 0o755);
    chmodSync(input, 0o644);
    chmodSync(pki.rsa.p12, 0o644);
    chmodSync(pki.dir, 0o755);
    const r = paraphe(['sign', input, '--p12', pki.rsa.p12, '-o', join(ro, 'signe.pdf')], {}, 65534);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/vous n'avez pas le droit d'écrire dans « .*reserve »/);
    expect(r.stderr).not.toMatch(/EACCES|\.tmp|erreur inattendue/);
    expect(readdirSync(ro)).toEqual([]);
  });
});

describe('the stamp and the report', () => {
  it('the stamp shows the signer’s local time with its offset (Paris), as Acrobat’s stamps do, and /M agrees', () => {
    const r = paraphe(['sign', input, '--p12', pki.rsa.p12, '-o', 'paris.pdf'], { TZ: 'Europe/Paris' });
    expect(r.status, r.stderr).toBe(0);
    const offset = execFileSync(process.execPath, ['-e', 'const o=-new Date().getTimezoneOffset();process.stdout.write(`+0${o/60}`)'], { env: { ...process.env, TZ: 'Europe/Paris' } }).toString();
    expect(offset).toMatch(/^\+0[12]$/);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'paris.pdf'), '-']).toString();
    expect(text).toMatch(new RegExp(`Date : \\d{4}\\.\\d{2}\\.\\d{2} \\d{2}:\\d{2}:\\d{2}\\s+\\${offset}'00'`));
    expect(readFileSync(join(dir, 'paris.pdf')).toString('latin1')).toMatch(new RegExp(`/M \\(D:\\d{14}\\${offset}'00'\\)`));
  });

  it('the report names the revision each signature covers as readers do, in the text and in the JSON', () => {
    expect(paraphe(['sign', 'signe.pdf', '--p12', pki.ec.p12, '-o', 'signe2.pdf']).status).toBe(0);
    const text = paraphe(['verify', 'signe2.pdf', '--trust', pki.caPem]);
    expect(text.status, text.stdout).toBe(0);
    expect(text.stdout).toMatch(/Révision couverte : révision 2 sur 3\n/);
    expect(text.stdout).toMatch(/Révision couverte : révision 3 sur 3 \(tout le document\)/);
    expect(text.stdout).toMatch(/Date de signature : \d{1,2} \S+ \d{4} .*\(déclarée par le signataire, sans horodatage\)/);
    const json = JSON.parse(paraphe(['verify', 'signe2.pdf', '--trust', pki.caPem, '--json']).stdout) as { signatures: Array<{ revision: number; revisions: number; coverage: string }> };
    expect(json.signatures.map((s) => [s.revision, s.revisions, s.coverage])).toEqual([[2, 3, 'révision 2 sur 3'], [3, 3, 'révision 3 sur 3 (tout le document)']]);
  });
});

describe('a certificate in another name than the field’s signatory', () => {
  it('is said on stderr, in the stamp (« pour … ») and by the verifier; the same person under another spelling is not', () => {
    put(dir, 'exemple.json', Buffer.from(paraphe(['template', 'show', 'exemple-camino-2020']).stdout));
    expect(paraphe(['render', 'exemple.json', '-o', 'exemple.pdf']).status).toBe(0);
    expect(paraphe(['identity', 'create', '--name', 'Jeanne MARTIN', '--org', 'DINUM', '-o', 'martin.p12']).status).toBe(0);
    expect(paraphe(['identity', 'create', '--name', 'HUET Brice 0123456789', '--org', 'MTES', '-o', 'huet.p12']).status).toBe(0);

    const other = paraphe(['sign', 'exemple.pdf', '--p12', 'martin.p12', '-o', 'autre.pdf']);
    expect(other.status, other.stderr).toBe(0);
    expect(other.stderr).toMatch(/Attention : ce champ est prévu pour Brice HUET, et votre certificat est au nom de Jeanne MARTIN/);
    expect(execFileSync('pdftotext', ['-f', '7', '-l', '7', '-layout', join(dir, 'autre.pdf'), '-']).toString()).toMatch(/Signature numérique de Jeanne MARTIN\s+pour Brice HUET/);

    const same = paraphe(['sign', 'exemple.pdf', '--p12', 'huet.p12', '-o', 'huet.pdf']);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr).not.toMatch(/prévu pour/);
    const stamp = execFileSync('pdftotext', ['-f', '7', '-l', '7', '-layout', join(dir, 'huet.pdf'), '-']).toString();
    expect(stamp).toMatch(/Signature numérique de Brice HUET/);
    expect(stamp).not.toMatch(/pour Brice HUET/);

    // The verifier names the field's signatory beside the certificate's holder, and says when they differ.
    const otherReport = paraphe(['verify', 'autre.pdf']).stdout;
    expect(otherReport).toMatch(/\n  Signataire : Jeanne MARTIN \(DINUM\).*\n  Signataire prévu : Brice HUET, [^\n]+ — certificat à un autre nom : signé par Jeanne MARTIN pour Brice HUET\n/);
    const sameReport = paraphe(['verify', 'huet.pdf']).stdout;
    expect(sameReport).toMatch(/\n  Signataire prévu : Brice HUET, [^\n]+\n/);
    expect(sameReport).not.toMatch(/autre nom/);
    const json = (f: string) => (JSON.parse(paraphe(['verify', f, '--json']).stdout) as { signatures: Array<{ expectedSignatory?: { name: string }; otherName?: boolean }> }).signatures[0]!;
    expect(json('autre.pdf')).toMatchObject({ expectedSignatory: { name: 'Brice HUET' }, otherName: true });
    expect(json('huet.pdf')).toMatchObject({ expectedSignatory: { name: 'Brice HUET' }, otherName: false });
  });
});

describe('several files in one call (a folder checked by a script)', () => {
  it('one line per file in the order given, the count, the worst exit code; --json lists the reports', () => {
    expect(paraphe(['sign', input, '--p12', pki.rsa.p12, '-o', 'lot-1.pdf']).status).toBe(0);
    const altered = readFileSync(join(dir, 'lot-1.pdf'));
    const at = altered.lastIndexOf('%%EOF');
    put(dir, 'lot-2.pdf', Buffer.concat([altered.subarray(0, at), Buffer.from('\n1 0 obj\n(changé)\nendobj\n'), altered.subarray(at)]));
    const ok = paraphe(['verify', 'lot-1.pdf', 'lot-1.pdf', '--trust', pki.caPem]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toBe('lot-1.pdf : valide (1 signature)\nlot-1.pdf : valide (1 signature)\n\n2 fichiers : 2 valides.\n');

    const mixed = paraphe(['verify', 'lot-1.pdf', 'lot-2.pdf', '--trust', pki.caPem]);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout.split('\n')[1]).toMatch(/^lot-2\.pdf : (modifié après signature|signature invalide) \(1 signature\)$/);
    expect(mixed.stdout).toMatch(/2 fichiers : 1 valide, 1 à examiner/);

    const absent = paraphe(['verify', 'lot-1.pdf', 'absent.pdf', 'convention.pdf', '--trust', pki.caPem, '--json']);
    expect(absent.status).toBe(2);
    const list = JSON.parse(absent.stdout) as Array<{ file: string; verdict: string; error?: { message: string } }>;
    expect(list.map((r) => [r.file, r.verdict])).toEqual([['lot-1.pdf', 'valid'], ['absent.pdf', 'unreadable'], ['convention.pdf', 'unsigned']]);
    expect(list[1]!.error!.message).toMatch(/n’existe pas/);

    const against = paraphe(['verify', 'lot-1.pdf', 'lot-2.pdf', '--against', 'convention.pdf']);
    expect(against.status).toBe(2);
    expect(against.stderr).toMatch(/--against compare un seul PDF signé/);
  });
});
