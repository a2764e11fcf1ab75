import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { identityCommand } from '../../../main/cli/commands/identity';
import { signCommand } from '../../../main/cli/commands/sign';
import { verifyCommand } from '../../../main/cli/commands/verify';
import { recordingIo } from '../../helpers/signing/cli-io';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeOddLeaf, makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';

let pki: TestPki;
let dir: string;
let input: string;

beforeAll(async () => {
  pki = makeTestPki();
  dir = tempDir('paraphe-cli-');
  input = put(dir, 'convention.pdf', await makeFieldsPdf());
});

const sign = (args: string[], password = TEST_PASSWORD) => {
  const r = recordingIo(dir, password);
  return signCommand.run(args, r.io).then((code) => ({ code, out: r.out(), err: r.err() }));
};
const verify = (args: string[]) => {
  const r = recordingIo(dir);
  return verifyCommand.run(args, r.io).then((code) => ({ code, out: r.out(), err: r.err() }));
};

describe('paraphe sign and paraphe verify', () => {
  it('three signatories in turn, then verify: exit 0 with the CA trusted, 1 without', async () => {
    expect((await sign(['convention.pdf', '--p12', pki.rsa.p12, '-o', 's1.pdf'])).code).toBe(0);
    expect((await sign(['s1.pdf', '--p12', pki.ec.p12, '--signatory', '2', '-o', 's2.pdf'])).code).toBe(0);
    const third = await sign(['s2.pdf', '--p12', pki.legacy.p12, '--signatory', 'Nadi', '-o', 's3.pdf', '--trust', pki.caPem]);
    expect(third.code, third.err).toBe(0);
    expect(third.out).toMatch(/Signé par Nadi BOU HANNA : champ « signature-3 »/);
    const ok = await verify(['s3.pdf', '--trust', pki.caPem]);
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/Statut : valide/);
    expect(ok.out).toMatch(/Verdict : Les 3 signature\(s\) sont valides/);
    const untrusted = await verify(['s3.pdf']);
    expect(untrusted.code).toBe(1);
    expect(untrusted.out).toMatch(/certificat non reconnu/);
    const json = await verify(['s3.pdf', '--trust', pki.caPem, '--json']);
    const report = JSON.parse(json.out) as { verdict: string; signatures: Array<{ status: string }> };
    expect(report.verdict).toBe('valid');
    expect(report.signatures).toHaveLength(3);
  });

  it('the password can also be asked when PARAPHE_PASSWORD is not set', async () => {
    const r = recordingIo(dir, TEST_PASSWORD, false);
    expect(await signCommand.run(['convention.pdf', '--p12', pki.rsa.p12, '-o', 'asked.pdf'], r.io)).toBe(0);
    expect(r.prompts).toHaveLength(1);
  });

  it('refuses field 3 before field 2 with exit 1 and no file', async () => {
    const r = await sign(['s1.pdf', '--p12', pki.legacy.p12, '--signatory', '3', '-o', 'ordre.pdf']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/doit être apposée avant la signature 3/);
    expect(existsSync(join(dir, 'ordre.pdf'))).toBe(false);
  });

  it('--help texts are French and usage errors exit 2', async () => {
    for (const c of [signCommand, verifyCommand, identityCommand]) expect(c.usage).toMatch(/^Usage : paraphe /);
    expect((await sign(['convention.pdf'])).code).toBe(2);
    expect((await sign(['convention.pdf', '--p12', pki.rsa.p12, '-o', 'x.pdf', '--bogus'])).code).toBe(2);
    expect((await verify([])).code).toBe(2);
  });
});

describe('bad input: a clear French message, exit code, nothing lost', () => {
  it('wrong password: « Mot de passe incorrect », exit 1, no output file', async () => {
    for (const id of [pki.rsa, pki.ec, pki.legacy]) {
      const r = await sign(['convention.pdf', '--p12', id.p12, '-o', 'mauvais.pdf'], 'pas-le-bon');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^Mot de passe incorrect/);
    }
    expect(existsSync(join(dir, 'mauvais.pdf'))).toBe(false);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('corrupt PKCS#12 (truncated, or not one at all): exit 1', async () => {
    const p12 = readFileSync(pki.rsa.p12);
    put(dir, 'tronque.p12', p12.subarray(0, p12.length - 200));
    put(dir, 'texte.p12', Buffer.from('ceci n’est pas un certificat'));
    for (const f of ['tronque.p12', 'texte.p12']) {
      const r = await sign(['convention.pdf', '--p12', f, '-o', 'corrompu.pdf']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/n’est pas un certificat PKCS#12/);
    }
    expect(existsSync(join(dir, 'corrompu.pdf'))).toBe(false);
  });

  it('a file that is not a PDF: sign exit 1, verify exit 2', async () => {
    put(dir, 'pas-un.pdf', Buffer.from('Bonjour, ceci est un texte.\n'));
    const s = await sign(['pas-un.pdf', '--p12', pki.rsa.p12, '-o', 'x.pdf']);
    expect([s.code, s.err]).toEqual([1, expect.stringMatching(/n’est pas un PDF/)]);
    const v = await verify(['pas-un.pdf']);
    expect([v.code, v.err]).toEqual([2, expect.stringMatching(/n’est pas un PDF/)]);
    expect((await verify(['absent.pdf'])).code).toBe(2);
  });

  it('a truncated PDF: sign exit 1, verify exit 2 (cut inside the first revision) or 1 (cut inside a later one)', async () => {
    const bytes = readFileSync(join(dir, 's3.pdf'));
    const firstEof = bytes.indexOf('%%EOF', 0, 'latin1');
    put(dir, 'tronque.pdf', bytes.subarray(0, Math.floor(firstEof / 2)));
    const s = await sign(['tronque.pdf', '--p12', pki.rsa.p12, '-o', 'x.pdf']);
    expect([s.code, s.err]).toEqual([1, expect.stringMatching(/incomplet ou endommagé/)]);
    expect((await verify(['tronque.pdf'])).code).toBe(2);
    // Cut just after an earlier revision's end: that revision still reads, the rest is named.
    const lastEof = bytes.lastIndexOf('%%EOF', bytes.length - 10, 'latin1');
    put(dir, 'tronque-fin.pdf', bytes.subarray(0, lastEof + 6 + 200));
    const s2 = await sign(['tronque-fin.pdf', '--p12', pki.rsa.p12, '-o', 'x.pdf']);
    expect([s2.code, s2.err]).toEqual([1, expect.stringMatching(/incomplet ou endommagé/)]);
    const v2 = await verify(['tronque-fin.pdf', '--trust', pki.caPem]);
    expect(v2.code).toBe(1);
    expect(v2.out).toMatch(/Modification non permise : des octets ont été ajoutés après la fin du document/);
    // Cut inside the last revision's xref: no cross-reference section near the end, unreadable.
    put(dir, 'tronque-xref.pdf', bytes.subarray(0, bytes.length - 300));
    expect((await verify(['tronque-xref.pdf'])).code).toBe(2);
  });

  it('an encrypted PDF (qpdf --encrypt): refused with a message saying why', async () => {
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', input, join(dir, 'chiffre.pdf')]);
    const s = await sign(['chiffre.pdf', '--p12', pki.rsa.p12, '-o', 'x.pdf']);
    expect([s.code, s.err]).toEqual([1, expect.stringMatching(/chiffré/)]);
    const v = await verify(['chiffre.pdf']);
    expect([v.code, v.err]).toEqual([2, expect.stringMatching(/chiffré/)]);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });

  it('output path equal to the input: refused, the input untouched', async () => {
    copyFileSync(input, join(dir, 'meme.pdf'));
    const before = readFileSync(join(dir, 'meme.pdf'));
    const r = await sign(['meme.pdf', '--p12', pki.rsa.p12, '-o', `./meme.pdf`]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/différent du fichier d’origine/);
    expect(readFileSync(join(dir, 'meme.pdf')).equals(before)).toBe(true);
  });

  it('an expired certificate, one not yet valid, one whose key usage forbids signing: refused', async () => {
    const day = 86_400_000;
    const expired = makeOddLeaf(pki, { notBefore: new Date(Date.now() - 30 * day), notAfter: new Date(Date.now() - day) });
    const future = makeOddLeaf(pki, { notBefore: new Date(Date.now() + day), notAfter: new Date(Date.now() + 30 * day) });
    const encipher = makeOddLeaf(pki, { notBefore: new Date(Date.now() - day), notAfter: new Date(Date.now() + day), keyUsage: 'encipherOnly' });
    const cases: Array<[string, RegExp]> = [[expired, /a expiré/], [future, /valable qu’à partir/], [encipher, /n’est pas autorisé à signer/]];
    for (const [p12, message] of cases) {
      const r = await sign(['convention.pdf', '--p12', p12, '-o', 'refus.pdf']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(message);
    }
    expect(existsSync(join(dir, 'refus.pdf'))).toBe(false);
  });
});

describe('the real `paraphe` binary', () => {
  it('signs and verifies through bin/paraphe.mjs with the documented exit codes', () => {
    const bin = join(process.cwd(), 'bin', 'paraphe.mjs');
    const run = (args: string[], env: Record<string, string> = {}) => {
      const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const signed = run(['sign', 'convention.pdf', '--p12', pki.ec.p12, '-o', 'bin-signe.pdf'], { PARAPHE_PASSWORD: TEST_PASSWORD });
    expect(signed.code, signed.err).toBe(0);
    expect(run(['verify', 'bin-signe.pdf', '--trust', pki.caPem]).code).toBe(0);
    expect(run(['verify', 'bin-signe.pdf']).code).toBe(1);
    expect(run(['verify', 'pas-un.pdf']).code).toBe(2);
    const wrong = run(['sign', 'convention.pdf', '--p12', pki.ec.p12, '-o', 'bin-faux.pdf'], { PARAPHE_PASSWORD: 'faux' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/Mot de passe incorrect/);
    expect(existsSync(join(dir, 'bin-faux.pdf'))).toBe(false);
    expect(run(['sign', '--help']).out).toMatch(/Usage : paraphe sign/);
  });
});

describe('paraphe identity', () => {
  it('creates a test identity that OpenSSL reads and that signs', async () => {
    const r = recordingIo(dir, 'mot-de-passe-essai');
    expect(await identityCommand.run(['create', '--name', 'Élodie DUPRÉ', '--org', 'DINUM', '-o', 'test-id.p12'], r.io)).toBe(0);
    expect(r.out()).toMatch(/Identité de test créée : Élodie DUPRÉ \(DINUM\)/);
    const text = execFileSync('openssl', ['pkcs12', '-in', join(dir, 'test-id.p12'), '-passin', 'pass:mot-de-passe-essai', '-nokeys', '-clcerts']).toString();
    expect(text).toMatch(/BEGIN CERTIFICATE/);
    const s = await sign(['convention.pdf', '--p12', 'test-id.p12', '-o', 'essai.pdf'], 'mot-de-passe-essai');
    expect(s.code, s.err).toBe(0);
    const stamp = execFileSync('pdftotext', [join(dir, 'essai.pdf'), '-']).toString();
    expect(stamp.replace(/\s+/g, ' ')).toMatch(/Identité de test, sans valeur juridique/);
    const v = await verify(['essai.pdf']);
    expect(v.code).toBe(1);
    expect(v.out).toMatch(/Signature numérique|Signataire : Élodie DUPRÉ/);
    const show = recordingIo(dir, 'mot-de-passe-essai');
    expect(await identityCommand.run(['show', 'test-id.p12'], show.io)).toBe(0);
    expect(show.out()).toMatch(/OU=Identité de test/);
    writeFileSync(join(dir, 'vide.txt'), '');
  });
});
