/**
 * PAdES B-LTA and « Prolonger la validité » against real services on 127.0.0.1: a TSA made of
 * `openssl ts -reply` whose certificate names the OCSP responder, and `openssl ocsp -index`
 * with a CRL from `openssl ca -gencrl`. A document timestamp (/DocTimeStamp, ETSI.RFC3161)
 * after the /DSS, checked by our verifier, `openssl ts -verify`, pdfsig and mutool; `extend`
 * on B-LT and B-LTA files; a tampered file refused; an attacker's document timestamp update
 * that also changes a page; the worked example at B-LTA verified once the servers are stopped.
 */
import { execFile, execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, signBytes, verifyPdf } from '../../../main/signing';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { dict, name, PdfDict, PdfRef, PdfString } from '../../../main/signing/pdf/objects';
import { readDss } from '../../../main/signing/ltv/dss';
import { parseDer } from '../../../main/signing/crypto/der';
import { addDocumentTimestamp } from '../../../main/signing/ltv/document-timestamp';
import { extendPdf, vriKey } from '../../../main/signing/ltv/extend';
import { checkOcspResponse } from '../../../main/signing/ltv/revocation';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';
import { startTestRevocation, type TestRevocation } from '../../helpers/signing/ocsp';
import { recordingIo } from '../../helpers/signing/cli-io';
import { startTestProxy } from '../../helpers/signing/proxy';
import { signCommand } from '../../../main/cli/commands/sign';
import { verifyCommand } from '../../../main/cli/commands/verify';
import { extendCommand } from '../../../main/cli/commands/extend';
import { renderConvention } from '../../../main/pdf/index';
import { getTemplate } from '../../../shared/templates/index';

let pki: TestPki;
let tsa: TestTsa;
let rev: TestRevocation;
let dir: string;
let pdf: Buffer;
let anchors: X509Certificate[];
let tsaCert: X509Certificate;
let alice: { p12: string; pem: string };
let bob: { p12: string; pem: string };
let carol: { p12: string; pem: string };

const identity = (p12: string) => openPkcs12(readFileSync(p12), TEST_PASSWORD);
const tsaOpts = () => ({ url: tsa.url, timeoutMs: 20_000 });

async function tool(cmd: string, args: string[]): Promise<{ code: number; text: string }> {
  // Asynchronous: pdfsig asks the OCSP responder this very process serves.
  return promisify(execFile)(cmd, args).then(
    (r) => ({ code: 0, text: `${r.stdout}${r.stderr}` }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === 'number' ? e.code : 1, text: `${e.stdout ?? ''}${e.stderr ?? ''}` }),
  );
}

async function signLT(input: Buffer, p12: string): Promise<Buffer> {
  const r = await signBytes(input, { identity: identity(p12), trustAnchors: anchors, timestamp: tsaOpts(), validationData: { timeoutMs: 10_000 } });
  expect(r.result.level).toBe('B-LT');
  return Buffer.concat(r.chunks as Buffer[]);
}

async function signLTA(input: Buffer, p12: string): Promise<Buffer> {
  const r = await signBytes(input, { identity: identity(p12), trustAnchors: anchors, timestamp: tsaOpts(), validationData: { timeoutMs: 10_000 }, archiveTimestamp: true });
  expect(r.result.level).toBe('B-LTA');
  expect(r.result.documentTimestamp?.authority).toBe('Horodatage de test OCSP');
  return Buffer.concat(r.chunks as Buffer[]);
}

/** The signed file with the first signature's claimed time (/M, signed) moved by one minute. */
function tamper(signed: Buffer): Buffer {
  const bad = Buffer.from(signed);
  const at = bad.indexOf('/M (D:', 0, 'latin1') + '/M (D:'.length + 11;
  bad[at] = bad[at] === 0x30 ? 0x31 : 0x30;
  return bad;
}

/** The document timestamps' dictionaries, in file order. */
function docTimestamps(file: Buffer): PdfDict[] {
  const f = PdfFile.open(file);
  return findSignatureFields(f).map((x) => f.dict(x.value)).filter((d): d is PdfDict => d?.name('Type') === 'DocTimeStamp');
}

beforeAll(async () => {
  pki = makeTestPki();
  rev = await startTestRevocation(pki);
  const own = rev.issueTsa('Horodatage de test OCSP');
  tsaCert = new X509Certificate(readFileSync(own.pem));
  dir = tempDir();
  pdf = await makeFieldsPdf();
  anchors = [new X509Certificate(readFileSync(pki.caPem))];
  alice = rev.issue('Alice MARTIN');
  bob = rev.issue('Bruno PETIT');
  carol = rev.issue('Carole DUBOIS');
  // OpenSSL 3.0 cannot backdate: let the certificates' first second pass.
  await new Promise((r) => setTimeout(r, 1100));
  tsa = await startTestTsa(pki, own);
}, 60_000);

afterAll(async () => {
  await tsa?.close();
  await rev?.close();
});

describe('B-LTA: a document timestamp after the /DSS', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await signLTA(pdf, alice.p12);
  }, 30_000);

  it('adds an invisible field whose value is a /DocTimeStamp over the whole file but its token', () => {
    const [d] = docTimestamps(signed);
    expect(d?.name('SubFilter')).toBe('ETSI.RFC3161');
    const br = d!.get('ByteRange') as number[];
    expect(br[2]! + br[3]!).toBe(signed.length);
    const field = findSignatureFields(PdfFile.open(signed)).find((f) => f.name === 'Horodatage du document 1')!;
    expect(field.rect).toEqual([0, 0, 0, 0]);
    expect(field.page).toBe(1);
  });

  it('the verifier reports B-LTA and the document timestamp apart from the signatures', () => {
    const report = verifyPdf(signed, { trustAnchors: anchors });
    expect(report.verdict, JSON.stringify(report)).toBe('valid');
    expect(report.signatures).toHaveLength(1);
    const s = report.signatures[0]!;
    expect(s.certification).toBe(2);
    expect(s.level).toBe('B-LTA');
    expect(s.changesAllowed.join(' ')).toMatch(/horodatage du document ajouté/);
    expect(report.documentTimestamps).toHaveLength(1);
    const t = report.documentTimestamps[0]!;
    expect(t).toMatchObject({ index: 1, field: 'Horodatage du document 1', authority: 'Horodatage de test OCSP', status: 'valid', coversWholeDocument: true });
    expect(Math.abs(new Date(t.time!).getTime() - Date.now())).toBeLessThan(60_000);
    expect(report.summary).toMatch(/l’horodatage du document sont valides/);
    // What follows the signature is validation data only: a signed copy still counts as one.
    expect(report.endsWithValidationData).toBe(true);
  });

  it('without the document timestamp (the B-LT revision) the same signature is B-LT', () => {
    const ends = PdfFile.open(signed).revisionEnds();
    const lt = verifyPdf(signed.subarray(0, ends[ends.length - 2]), { trustAnchors: anchors });
    expect(lt.signatures[0]!.level).toBe('B-LT');
    expect(lt.documentTimestamps).toHaveLength(0);
    expect(lt.endsWithValidationData).toBe(true);
    // The B-T revision: the signature itself ends the file.
    expect(verifyPdf(signed.subarray(0, ends[ends.length - 3]), { trustAnchors: anchors }).endsWithValidationData).toBe(false);
  });

  it('a TSA that is not trusted: the document timestamp is reported untrusted, the level stays B-LT', () => {
    const report = verifyPdf(signed, { trustAnchors: [] });
    expect(report.documentTimestamps[0]!.status).toBe('untrusted');
    expect(report.verdict).toBe('untrusted');
  });

  it('one byte changed in the covered part: the document timestamp is invalid', () => {
    const bad = Buffer.from(signed);
    const br = docTimestamps(signed)[0]!.get('ByteRange') as number[];
    // A byte of the document timestamp's own update, before its /Contents (its field's name).
    const at = bad.lastIndexOf('Horodatage du document 1', br[1], 'latin1');
    bad[at] = 'h'.charCodeAt(0);
    const t = verifyPdf(bad, { trustAnchors: anchors }).documentTimestamps[0]!;
    expect(t.status).toBe('invalid');
    expect(t.problems.join(' ')).toMatch(/empreinte horodatée n’est pas celle du document/);
  });

  it('`openssl ts -verify` accepts the extracted token against the byte ranges', () => {
    const d = docTimestamps(signed)[0]!;
    const [, a, b, c] = d.get('ByteRange') as number[];
    const contents = Buffer.from((d.get('Contents') as PdfString).bytes);
    const token = put(dir, 'doc-ts.der', contents.subarray(0, parseDer(contents).end));
    const data = put(dir, 'doc-ts.data', Buffer.concat([signed.subarray(0, a), signed.subarray(b!, b! + c!)]));
    const out = execFileSync('openssl', ['ts', '-verify', '-in', token, '-token_in', '-data', data, '-CAfile', pki.caPem, '-untrusted', put(dir, 'tsa.pem', Buffer.from(tsaCert.toString()))], { stdio: 'pipe' }).toString();
    expect(out).toMatch(/Verification: OK/);
  });

  it('pdfsig: the signature valid, the document timestamp listed (TSA, whole file) and not called invalid', async () => {
    const r = await tool('pdfsig', ['-nssdir', pki.nssDir, put(dir, 'lta.pdf', signed)]);
    expect(r.text.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(1);
    expect(r.text).toMatch(/Certificate Validation: Certificate is Trusted\./);
    // Poppler 22.12 lists a document timestamp without checking it (« Unable to validate this
    // type of signature »): it names the TSA and the ranges, and calls nothing invalid.
    const stamp = r.text.slice(r.text.indexOf('Signature Field Name: Horodatage du document 1'));
    expect(stamp).toMatch(/Signer Certificate Common Name: Horodatage de test OCSP/);
    expect(stamp).toMatch(/Total document signed/);
    expect(r.text).not.toMatch(/Signature is Invalid|Digest Mismatch|Decoding Error|Generic Error/i);
  }, 30_000);

  it('mutool sign -v: the signature valid, nothing broken', async () => {
    const r = await tool('mutool', ['sign', '-v', put(dir, 'lta-mutool.pdf', signed)]);
    expect(r.code).toBe(0);
    // mutool has no trust list here (« Self-signed certificate in chain ») and sees the later updates.
    expect(r.text).toMatch(/cn=Alice MARTIN[\s\S]*The signature is valid but there have been edits since signing\./);
    expect(r.text).not.toMatch(/broken|not valid|invalid|digest/i);
  });

  it('a document timestamp update that also changes a page is « modifié »', async () => {
    const file = PdfFile.open(await signLT(pdf, bob.p12));
    const page = file.pages()[0]!;
    const alsoWrite = new Map([[page.ref.num, page.dict.clone().set('Rotate', 90)]]);
    const out = Buffer.concat((await addDocumentTimestamp(file.bytes, tsaOpts(), anchors, { alsoWrite })).chunks);
    const report = verifyPdf(out, { trustAnchors: anchors });
    // The page's /Annots grows (allowed) but its /Rotate changes: the whitelist names it.
    expect(report.signatures[0]!.status).toBe('modified');
    expect(report.signatures[0]!.changesDisallowed.join(' ')).toMatch(/page 1\) : \/Rotate modifié/);
    expect(report.signatures[0]!.level).not.toBe('B-LTA');
    expect(report.verdict).toBe('modified');
    expect(report.endsWithValidationData).toBe(false);
  }, 30_000);

  it('a document timestamp drawn over the page (a visible frame) is « modifié »', async () => {
    const file = PdfFile.open(await signLT(pdf, bob.p12));
    const page = file.pages()[0]!;
    // The update's first new object is the field: the same field, with a frame over the whole page.
    const visible = dict({
      FT: name('Sig'), T: PdfString.fromText('Horodatage du document 1'), Type: name('Annot'), Subtype: name('Widget'),
      Rect: [0, 0, 595, 842], F: 4, P: page.ref, V: new PdfRef(file.size() + 1, 0),
    });
    const out = Buffer.concat((await addDocumentTimestamp(file.bytes, tsaOpts(), anchors, { alsoWrite: new Map([[file.size(), visible]]) })).chunks);
    const report = verifyPdf(out, { trustAnchors: anchors });
    expect(report.documentTimestamps[0]!.status).toBe('valid');
    expect(report.signatures[0]!.status).toBe('modified');
    expect(report.signatures[0]!.changesDisallowed.join(' ')).toMatch(/horodatage du document \(objet \d+\) avec un cadre visible sur la page/);
  }, 30_000);

  it('a /Contents that is no token (garbage length): invalid, reported, never a crash', () => {
    const bad = Buffer.from(signed);
    const [, a] = docTimestamps(signed)[0]!.get('ByteRange') as number[];
    bad.write('3084ffffffff', a! + 1, 'latin1');
    const report = verifyPdf(bad, { trustAnchors: anchors });
    expect(report.documentTimestamps[0]!.status).toBe('invalid');
    expect(report.documentTimestamps[0]!.problems.join(' ')).toMatch(/horodatage du document illisible|Horodatage invalide/i);
    expect(report.verdict).toBe('invalid');
  });

  it('a document timestamp whose token does not verify is no allowed update (certified document)', () => {
    const bad = Buffer.from(signed);
    const d = docTimestamps(signed)[0]!;
    const [, a] = d.get('ByteRange') as number[];
    // A hex digit in the middle of the token (the TSA's signature or its certificate).
    const at = a! + 1 + 2000;
    bad[at] = bad[at] === 0x30 ? 0x31 : 0x30;
    const report = verifyPdf(bad, { trustAnchors: anchors });
    expect(report.documentTimestamps[0]!.status).toBe('invalid');
    expect(report.signatures[0]!.status).toBe('modified');
    expect(report.signatures[0]!.changesDisallowed.join(' ')).toMatch(/dictionnaire de signature ajouté sans signature valide/);
    expect(report.signatures[0]!.changesDisallowed.join(' ')).toMatch(/nouveau champ de signature .* la certification n’autorise que le remplissage/);
    expect(report.verdict).toBe('invalid');
  });
});

describe('« Prolonger la validité »: paraphe extend', () => {
  let lt: Buffer;
  let once: Buffer;
  beforeAll(async () => {
    lt = await signLT(pdf, carol.p12);
  }, 30_000);

  it('on a B-LT file: fresh OCSP data, a /VRI entry per signature, then a document timestamp', async () => {
    const asked = rev.requests.length;
    const r = await extendPdf(lt, { tsa: tsaOpts(), trustAnchors: anchors });
    once = Buffer.concat(r.chunks);
    // The signer's and the signature timestamp TSA's status, asked again.
    expect(rev.requests.length).toBe(asked + 2);
    expect(r).toMatchObject({ signatures: 1, earlierTimestamps: 0, ocsps: 2 });
    const file = PdfFile.open(once);
    const dss = file.dict(file.catalog()!.get('DSS'))!;
    const vri = file.dict(dss.get('VRI'))!;
    const sig = file.dict(findSignatureFields(file)[0]!.value)!;
    const key = vriKey(Buffer.from((sig.get('Contents') as PdfString).bytes));
    expect(key).toMatch(/^[0-9A-F]{40}$/);
    const entry = file.dict(vri.get(key))!;
    expect(entry).toBeDefined();
    const ocsps = (file.resolve(entry.get('OCSP')) as PdfRef[]).map((ref) => file.resolve(ref));
    expect(ocsps).toHaveLength(2);
    const report = verifyPdf(once, { trustAnchors: anchors });
    expect(report.verdict, JSON.stringify(report)).toBe('valid');
    expect(report.signatures[0]!.level).toBe('B-LTA');
    expect(report.documentTimestamps.map((t) => t.status)).toEqual(['valid']);
  }, 30_000);

  it('on a B-LTA file: the new timestamp covers the old one, whose TSA status joins the /DSS', async () => {
    const r = await extendPdf(once, { tsa: tsaOpts(), trustAnchors: anchors });
    const twice = Buffer.concat(r.chunks);
    expect(r.earlierTimestamps).toBe(1);
    const file = PdfFile.open(twice);
    const dss = readDss(file);
    expect(dss.ocsps.some((o) => {
      try {
        return checkOcspResponse(o, tsaCert, anchors[0]!).status === 'good';
      } catch {
        return false;
      }
    })).toBe(true);
    // Two VRI entries now: the signature and the first document timestamp.
    const vri = file.dict(file.dict(file.catalog()!.get('DSS'))!.get('VRI'))!;
    expect(vri.map.size).toBe(2);
    const report = verifyPdf(twice, { trustAnchors: anchors });
    expect(report.verdict).toBe('valid');
    expect(report.documentTimestamps.map((t) => [t.field, t.status, t.coversWholeDocument])).toEqual([
      ['Horodatage du document 1', 'valid', false],
      ['Horodatage du document 2', 'valid', true],
    ]);
    expect(report.documentTimestamps[0]!.changesAllowed.join(' ')).toMatch(/horodatage du document ajouté/);
    expect(report.signatures[0]!.level).toBe('B-LTA');
    const pdfsig = await tool('pdfsig', ['-nssdir', pki.nssDir, put(dir, 'extended-twice.pdf', twice)]);
    expect(pdfsig.text.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(1);
    expect(pdfsig.text.match(/Signer Certificate Common Name: Horodatage de test OCSP/g)).toHaveLength(2);
    expect(pdfsig.text).not.toMatch(/Signature is Invalid|Digest Mismatch/);
  }, 40_000);

  it('refuses a tampered file with a French message, and asks nothing', async () => {
    const bad = tamper(lt);
    const asked = tsa.requests;
    await expect(extendPdf(bad, { tsa: tsaOpts(), trustAnchors: anchors })).rejects.toThrow(/Ce PDF ne peut pas être prolongé : la signature 1 \(Carole DUBOIS\) est invalide \(Le condensé signé ne correspond pas.*demandez une copie intacte/);
    expect(tsa.requests).toBe(asked);
  });

  it('refuses an unsigned file', async () => {
    await expect(extendPdf(pdf, { tsa: tsaOpts(), trustAnchors: anchors })).rejects.toThrow(/aucune signature : il n’y a rien à prolonger/);
  });
});

describe('CLI: sign --level B-LTA, extend, verify --json', () => {
  it('signs at B-LTA; verify --json gives the level and each document timestamp', async () => {
    const input = put(dir, 'cli-lta-in.pdf', pdf);
    const s = recordingIo(dir, TEST_PASSWORD);
    expect(await signCommand.run([input, '--p12', alice.p12, '--trust', pki.caPem, '--tsa', tsa.url, '--level', 'B-LTA', '-o', 'cli-lta.pdf'], s.io), s.err()).toBe(0);
    expect(s.out()).toMatch(/PAdES B-LTA/);
    expect(s.out()).toMatch(/Document horodaté par « Horodatage de test OCSP »/);
    const j = recordingIo(dir);
    expect(await verifyCommand.run(['cli-lta.pdf', '--trust', pki.caPem, '--json'], j.io)).toBe(0);
    const out = JSON.parse(j.out());
    expect(out.signatures[0].level).toBe('B-LTA');
    expect(out.documentTimestamps).toHaveLength(1);
    expect(out.documentTimestamps[0]).toMatchObject({ authority: 'Horodatage de test OCSP', status: 'valid' });
    expect(out.documentTimestamps[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);
    const t = recordingIo(dir);
    expect(await verifyCommand.run(['cli-lta.pdf', '--trust', pki.caPem], t.io)).toBe(0);
    expect(t.out()).toMatch(/Horodatage du document 1 — champ « Horodatage du document 1 »/);
    expect(t.out()).toMatch(/par « Horodatage de test OCSP »/);
    expect(t.out()).toMatch(/Niveau PAdES : B-LTA/);
    expect(t.out()).toMatch(/Modifications ultérieures : données de validation et horodatages du document uniquement \(permises\)/);
  }, 40_000);

  it('extend writes the extended file; a tampered one is refused (exit 1, nothing written)', async () => {
    const input = put(dir, 'cli-ext-in.pdf', await signLT(pdf, bob.p12));
    const e = recordingIo(dir);
    expect(await extendCommand.run([input, '--tsa', tsa.url, '--trust', pki.caPem, '-o', 'cli-ext.pdf'], e.io), e.err()).toBe(0);
    expect(e.out()).toMatch(/Validité prolongée/);
    expect(verifyPdf(readFileSync(join(dir, 'cli-ext.pdf')), { trustAnchors: anchors }).signatures[0]!.level).toBe('B-LTA');
    const bad = tamper(readFileSync(input));
    const r = recordingIo(dir);
    expect(await extendCommand.run([put(dir, 'cli-ext-bad.pdf', bad), '--tsa', tsa.url, '--trust', pki.caPem, '-o', 'cli-ext-bad-out.pdf'], r.io)).toBe(1);
    expect(r.err()).toMatch(/ne peut pas être prolongé/);
    expect(existsSync(join(dir, 'cli-ext-bad-out.pdf'))).toBe(false);
  }, 40_000);

  it('extend and sign --level B-LTA through an HTTP proxy: every request goes through it', async () => {
    const proxy = await startTestProxy();
    try {
      const input = put(dir, 'cli-proxy-in.pdf', await signLT(pdf, alice.p12));
      const e = recordingIo(dir);
      expect(await extendCommand.run([input, '--tsa', tsa.url, '--trust', pki.caPem, '--proxy', proxy.url, '-o', 'cli-proxy.pdf'], e.io), e.err()).toBe(0);
      // The signer's and the TSA's OCSP requests, then the document timestamp.
      expect(proxy.forwarded.filter((u) => u.endsWith('/ocsp'))).toHaveLength(2);
      expect(proxy.forwarded.filter((u) => u === tsa.url)).toHaveLength(1);
      const s = recordingIo(dir, TEST_PASSWORD);
      expect(await signCommand.run([put(dir, 'cli-proxy-in2.pdf', pdf), '--p12', bob.p12, '--trust', pki.caPem, '--tsa', tsa.url, '--level', 'B-LTA', '--proxy', proxy.url, '-o', 'cli-proxy2.pdf'], s.io), s.err()).toBe(0);
      // Signer and TSA status, the signature timestamp, the document timestamp.
      expect(proxy.forwarded.filter((u) => u.endsWith('/ocsp'))).toHaveLength(4);
      expect(proxy.forwarded.filter((u) => u === tsa.url)).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  }, 40_000);

  it('usage errors: extend without --tsa, B-LTA without --tsa', async () => {
    const e = recordingIo(dir);
    expect(await extendCommand.run(['x.pdf', '-o', 'y.pdf', '--trust', pki.caPem], e.io)).toBe(2);
    expect(e.err()).toMatch(/--tsa/);
    const s = recordingIo(dir, TEST_PASSWORD);
    expect(await signCommand.run([put(dir, 'cli-lta-in2.pdf', pdf), '--p12', alice.p12, '--trust', pki.caPem, '--level', 'B-LTA', '-o', 'cli-lta-no.pdf'], s.io)).toBe(2);
    expect(s.err()).toMatch(/Le niveau B-LTA exige une autorité d’horodatage/);
  });
});

describe('the worked example, three signatures at B-LTA, verified offline', () => {
  let signed: Buffer;
  beforeAll(async () => {
    const template = getTemplate('exemple-camino-2020')!;
    const example = Buffer.from((await renderConvention(template.build())).bytes);
    signed = await signLTA(await signLTA(await signLTA(example, alice.p12), bob.p12), carol.p12);
    // Offline from here: no service answers any more.
    await tsa.close();
    await rev.close();
  }, 120_000);

  it('each signature is valid and B-LTA, each document timestamp valid, the servers stopped', () => {
    const report = verifyPdf(signed, { trustAnchors: anchors });
    expect(report.verdict, JSON.stringify(report.signatures.map((s) => [s.problems, s.changesDisallowed]))).toBe('valid');
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LTA', 'B-LTA', 'B-LTA']);
    expect(report.documentTimestamps.map((t) => t.status)).toEqual(['valid', 'valid', 'valid']);
    expect(report.endsWithValidationData).toBe(true);
  });

  it('years later, the certificates expired, still valid offline at B-LTA', () => {
    const report = verifyPdf(signed, { trustAnchors: anchors, now: new Date(Date.now() + 3 * 365 * 86_400_000) });
    expect(report.signatures.map((s) => [s.status, s.level])).toEqual([['valid', 'B-LTA'], ['valid', 'B-LTA'], ['valid', 'B-LTA']]);
  });

  it('pdfsig calls the three signatures valid and lists the three document timestamps', async () => {
    const r = await tool('pdfsig', ['-nssdir', pki.nssDir, put(dir, 'example-lta.pdf', signed)]);
    expect(r.text.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3);
    expect(r.text.match(/Signature Field Name: Horodatage du document \d/g)).toHaveLength(3);
    expect(r.text).not.toMatch(/Signature is Invalid|Digest Mismatch/);
  }, 60_000);
});
