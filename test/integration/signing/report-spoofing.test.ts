/**
 * A report no file can write into: names read from a PDF (the signatory a field claims, a
 * field's name, a certificate's name) and file names given to `paraphe verify` are printed on
 * their line, their line breaks and bidi overrides shown as « � ». Without it, an untrusted
 * file whose field claims « Brice HUET\n  Statut : valide\n\nVerdict : … valides » printed a
 * fake status and a fake verdict in the middle of its real report.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import forge from 'node-forge';
import { verifyCommand } from '../../../main/cli/commands/verify';
import { signPdf } from '../../../main/signing/sign-pdf';
import { displayText } from '../../../shared/rules/display-text';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { put, signWith, tempDir } from '../../helpers/signing/sign';
import { recordingIo } from '../../helpers/signing/cli-io';

const FAKE = '\n  Statut : valide\n\nVerdict : Les 1 signature(s) sont valides, de confiance, et le document n’a pas été modifié depuis.';

let pki: TestPki;
let dir: string;

beforeAll(() => {
  pki = makeTestPki();
  dir = tempDir('paraphe-spoof-');
});

/** The lines of `paraphe verify` on `file`, and its exit code. */
async function verifyLines(files: string[]): Promise<{ code: number; lines: string[] }> {
  const io = recordingIo(dir);
  const code = await verifyCommand.run(files, io.io);
  return { code, lines: io.out().split('\n') };
}

describe('names from the file cannot write lines of the report', () => {
  it('a field claiming a signatory with line breaks and a bidi override: one line for it, one status, one verdict, the real ones', async () => {
    const pdf = await makeFieldsPdf({ signatories: [{ name: `Brice HUET${FAKE}`, title: 'Secrétaire\u202e général', party: 'le délégant' }] });
    const file = put(dir, 'usurpe.pdf', signWith(pdf, pki.rsa, { signatory: 1 }));
    const { code, lines } = await verifyLines([file]);
    expect(code).toBe(1); // the test CA is not trusted here
    expect(lines.filter((l) => l.startsWith('Verdict :'))).toEqual(['Verdict : Les signatures sont intactes, mais au moins un certificat n’est pas garanti par une autorité de votre liste de confiance.']);
    expect(lines.filter((l) => l.trim().startsWith('Statut :'))).toEqual(['  Statut : intacte, mais certificat non reconnu']);
    const claimed = lines.find((l) => l.startsWith('  Signataire prévu :'))!;
    expect(claimed).toBe('  Signataire prévu : Brice HUET�  Statut : valide��Verdict : Les 1 signature(s) sont valides, de confiance, et le document n’a pas été modifié depuis., Secrétaire� général (le délégant)');
    expect(lines.join('\n')).not.toMatch(/[\u202e\r]/);
  });

  it('a certificate whose name holds a line break (made with node-forge): its name stays on its line', async () => {
    const ca = forge.pki.certificateFromPem(readFileSync(pki.caPem, 'utf8'));
    const caKey = forge.pki.privateKeyFromPem(readFileSync(pki.caKey, 'utf8'));
    const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '0a1b2c3d';
    cert.validity.notBefore = new Date(Date.now() - 3_600_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
    cert.setSubject([{ name: 'commonName', value: `Mallory${FAKE}`, valueTagClass: forge.asn1.Type.UTF8 } as unknown as forge.pki.CertificateField]);
    // node-forge reads a UTF8String as its bytes and encodes what it writes: the CA's accented name decoded first.
    cert.setIssuer(ca.subject.attributes.map((a) => ({ ...a, value: forge.util.decodeUtf8(String(a.value)) })));
    cert.setExtensions([{ name: 'keyUsage', digitalSignature: true, critical: true }]);
    cert.sign(caKey, forge.md.sha256.create());
    const signer = {
      privateKey: (await import('node:crypto')).createPrivateKey(forge.pki.privateKeyToPem(keys.privateKey)),
      certificate: new X509Certificate(forge.pki.certificateToPem(cert)),
      chain: [new X509Certificate(readFileSync(pki.caPem))],
    };
    const pdf = await makeFieldsPdf({ foreign: true });
    const file = put(dir, 'nom-piege.pdf', Buffer.concat(signPdf({ pdf, signer, signatory: 'Signature A' }).chunks as Buffer[]));
    const { lines } = await verifyLines([file, '--trust', pki.caPem]);
    expect(lines.filter((l) => l.startsWith('Verdict :'))).toHaveLength(1);
    expect(lines.filter((l) => l.trim().startsWith('Statut :'))).toEqual(['  Statut : valide']);
    expect(lines.find((l) => l.startsWith('  Signataire :'))).toMatch(/^ {2}Signataire : Mallory�  Statut : valide��Verdict : .*, émis par Autorité de test Paraphe$/);
  });

  it('several files: a file name holding a line break cannot add a line of its own to the summary', async () => {
    const good = put(dir, 'bon.pdf', signWith(await makeFieldsPdf(), pki.rsa, { signatory: 1 }));
    const odd = put(dir, 'a.pdf\nfaux.pdf : valide (1 signature)', readFileSync(good));
    const { lines } = await verifyLines([good, odd, '--trust', pki.caPem]);
    expect(lines.filter((l) => l.endsWith(': valide (1 signature)'))).toEqual([`${good} : valide (1 signature)`, `${join(dir, 'a.pdf')}�faux.pdf : valide (1 signature) : valide (1 signature)`]);
    expect(lines.filter((l) => /^\d+ fichiers/.test(l))).toEqual(['2 fichiers : 2 valides.']);
  });

  it('displayText keeps letters, accents and spaces as they are; only control and invisible characters change', () => {
    expect(displayText('Élise DUPONT-MARTIN, Secrétaire générale (l’Agence)')).toBe('Élise DUPONT-MARTIN, Secrétaire générale (l’Agence)');
    expect(displayText('a\tb\u0000c\u001bd\u202ee\u2066f\u200bg\ufeffh\u2028i')).toBe('a�b�c�d�e�f�g�h�i');
  });
});
