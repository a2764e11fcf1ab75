/**
 * PAdES B-LT and revocation against real services on loopback: an OCSP responder made of
 * `openssl ocsp -index` and a CRL made by `openssl ca -gencrl`, both behind a Node HTTP server
 * on 127.0.0.1, with a TSA made of `openssl ts -reply`. The signer asks for its chain's status
 * before signing (a revoked certificate stops it, nothing written), adds a /DSS update after
 * the timestamp, and the verifier reads that data offline once the servers are stopped.
 */
import { execFile, execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, signBytes, signFile, verifyPdf } from '../../../main/signing';
import { PdfFile } from '../../../main/signing/pdf/file';
import { readDss, appendDss } from '../../../main/signing/ltv/dss';
import { dict, name, PdfRef } from '../../../main/signing/pdf/objects';
import { appendUpdate } from '../../helpers/signing/attacks';
import { chainOf, checkCrl, checkOcspResponse, emptyValidationData, fetchRevocation, ocspRequest } from '../../../main/signing/ltv/revocation';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';
import { startTestRevocation, type TestRevocation } from '../../helpers/signing/ocsp';
import { recordingIo } from '../../helpers/signing/cli-io';
import { signCommand } from '../../../main/cli/commands/sign';
import { verifyCommand } from '../../../main/cli/commands/verify';
import { SignatureReportSchema } from '../../../shared/ipc/channels/signing';
import { renderConvention } from '../../../main/pdf/index';
import { getTemplate } from '../../../shared/templates/index';

let pki: TestPki;
let tsa: TestTsa;
let rev: TestRevocation;
let dir: string;
let pdf: Buffer;
let anchors: X509Certificate[];
let ca: X509Certificate;
let alice: { p12: string; pem: string };
let bob: { p12: string; pem: string };
let carol: { p12: string; pem: string };

/** pdfsig run asynchronously: it queries the OCSP responder this very process serves. */
async function pdfsigAsync(file: string): Promise<string> {
  const r = await promisify(execFile)('pdfsig', ['-nssdir', pki.nssDir, file]).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
  return `${r.stdout}${r.stderr}`;
}

const identity = (p12: string) => openPkcs12(readFileSync(p12), TEST_PASSWORD);
const tsaOpts = () => ({ url: tsa.url, timeoutMs: 20_000 });

async function signLT(input: Buffer, p12: string): Promise<Buffer> {
  const r = await signBytes(input, { identity: identity(p12), trustAnchors: anchors, timestamp: tsaOpts(), validationData: { timeoutMs: 10_000 } });
  expect(r.result.level).toBe('B-LT');
  return Buffer.concat(r.chunks as Buffer[]);
}

beforeAll(async () => {
  pki = makeTestPki();
  tsa = await startTestTsa(pki);
  rev = await startTestRevocation(pki);
  dir = tempDir();
  pdf = await makeFieldsPdf();
  ca = new X509Certificate(readFileSync(pki.caPem));
  anchors = [ca];
  alice = rev.issue('Alice MARTIN');
  bob = rev.issue('Bruno PETIT');
  carol = rev.issue('Carole DUBOIS');
  // OpenSSL 3.0 cannot backdate: let the leaves' first second pass.
  await new Promise((r) => setTimeout(r, 1100));
}, 60_000);

afterAll(async () => {
  await tsa?.close();
  await rev?.close();
});

describe('revocation data: OCSP from the AIA, the CRL from the CDP', () => {
  it('asks the responder by POST, checks its delegated signature and the CertID', async () => {
    const leaf = new X509Certificate(readFileSync(alice.pem));
    const before = rev.requests.length;
    const t0 = performance.now();
    const data = await fetchRevocation(chainOf(leaf, anchors), { timeoutMs: 10_000 });
    const ms = performance.now() - t0;
    expect(rev.requests.length).toBe(before + 1);
    expect(data.ocsps).toHaveLength(1);
    const s = data.statuses.get(leaf.fingerprint256)!;
    expect(s).toMatchObject({ source: 'ocsp', status: 'good' });
    expect(checkOcspResponse(data.ocsps[0]!, leaf, ca).status).toBe('good');
    // The answer about another certificate is not taken for this one.
    const other = new X509Certificate(readFileSync(bob.pem));
    expect(() => checkOcspResponse(data.ocsps[0]!, other, ca)).toThrow(/ne porte pas sur ce certificat/);
    console.log(`OCSP round trip on loopback: ${ms.toFixed(0)} ms`);
  });

  it('falls back on the CRL when the responder is down, and checks its signature', async () => {
    const leaf = new X509Certificate(readFileSync(alice.pem));
    rev.mode = 'ocsp-down';
    try {
      const t0 = performance.now();
      const data = await fetchRevocation(chainOf(leaf, anchors), { timeoutMs: 10_000 });
      console.log(`OCSP failure + CRL on loopback: ${(performance.now() - t0).toFixed(0)} ms`);
      expect(data.ocsps).toHaveLength(0);
      expect(data.crls).toHaveLength(1);
      expect(data.statuses.get(leaf.fingerprint256)).toMatchObject({ source: 'crl', status: 'good' });
      const tampered = Buffer.from(data.crls[0]!);
      tampered[tampered.length - 5]! ^= 1;
      expect(() => checkCrl(tampered, leaf, ca)).toThrow(/signature de la liste de révocation/);
    } finally {
      rev.mode = 'good';
    }
  });

  it('a certificate without AIA nor CDP gets no data, and no error', async () => {
    const leaf = new X509Certificate(readFileSync(pki.rsa.cert));
    const data = await fetchRevocation(chainOf(leaf, anchors), {}, emptyValidationData());
    expect(data.ocsps.length + data.crls.length).toBe(0);
  });
});

describe('B-LT: signature, timestamp, then a /DSS update', () => {
  let signed: Buffer;
  beforeAll(async () => {
    signed = await signLT(pdf, alice.p12);
  }, 30_000);

  it('adds a /DSS with the chain, the OCSP response of the signer', () => {
    const dss = readDss(PdfFile.open(signed));
    expect(dss.certs.length).toBeGreaterThanOrEqual(2);
    expect(dss.ocsps).toHaveLength(1);
  });

  it('keeps the signature valid for pdfsig', async () => {
    // pdfsig asks our responder (the leaf's AIA): run it without blocking this process's server.
    const r = await pdfsigAsync(put(dir, 'lt.pdf', signed));
    expect(r.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(1);
    expect(r).toMatch(/Certificate Validation: Certificate is Trusted\./);
  }, 30_000);

  it('the verifier accepts the DSS update (whitelist), reports B-LT and the OCSP status', () => {
    const report = verifyPdf(signed, { trustAnchors: anchors });
    expect(report.verdict).toBe('valid');
    const s = report.signatures[0]!;
    expect(s.changesAllowed.join(' ')).toMatch(/DSS/);
    expect(s.level).toBe('B-LT');
    expect(s.revocation).toMatchObject({ source: 'ocsp', status: 'good' });
    expect(SignatureReportSchema.parse(s).revocation?.status).toBe('good');
  });

  it('a DSS update that also changes a page is « modifié »', () => {
    const file = PdfFile.open(signed);
    const page = file.pages()[0]!;
    const tampered = appendUpdate(signed, [[page.ref.num, page.dict.clone().set('Rotate', 90)], [file.size(), dict({ Type: name('DSS'), Certs: [] })],
      [(file.trailer.get('Root') as PdfRef).num, file.catalog()!.clone().set('DSS', new PdfRef(file.size(), 0))]]);
    const s = verifyPdf(tampered, { trustAnchors: anchors }).signatures[0]!;
    expect(s.status).toBe('modified');
    expect(s.changesDisallowed.join(' ')).toMatch(/Rotate/);
    // The same DSS update alone is allowed.
    const alone = appendUpdate(signed, [[file.size(), dict({ Type: name('DSS'), Certs: [] })], [(file.trailer.get('Root') as PdfRef).num, file.catalog()!.clone().set('DSS', new PdfRef(file.size(), 0))]]);
    expect(verifyPdf(alone, { trustAnchors: anchors }).signatures[0]!.status).toBe('valid');
  });

  it('without the DSS (the B-T revision) the same signature is B-T, with no revocation data', () => {
    const file = PdfFile.open(signed);
    const ends = file.revisionEnds();
    const bt = signed.subarray(0, ends[ends.length - 2]);
    const s = verifyPdf(bt, { trustAnchors: anchors }).signatures[0]!;
    expect(s.level).toBe('B-T');
    expect(s.revocation).toBeUndefined();
  });
});

describe('a signature made before the revocation', () => {
  let bt: Buffer;
  let bb: Buffer;
  let leafPem: string;
  beforeAll(async () => {
    const erin = rev.issue('Éric LEROY');
    leafPem = erin.pem;
    await new Promise((r) => setTimeout(r, 1100));
    const r = await signBytes(pdf, { identity: identity(erin.p12), trustAnchors: anchors, timestamp: tsaOpts() });
    bt = Buffer.concat(r.chunks as Buffer[]);
    bb = Buffer.concat((await signBytes(pdf, { identity: identity(erin.p12), trustAnchors: anchors })).chunks as Buffer[]);
    // The revocation comes strictly after the timestamp (both to the second).
    await new Promise((r) => setTimeout(r, 2100));
    rev.revoke(erin.pem);
  }, 30_000);

  async function extended(input: Buffer): Promise<Buffer> {
    const leaf = new X509Certificate(readFileSync(leafPem));
    const data = await fetchRevocation(chainOf(leaf, anchors), { timeoutMs: 10_000 });
    expect(data.statuses.get(leaf.fingerprint256)?.status).toBe('revoked');
    return Buffer.concat(appendDss(input, data));
  }

  it('with a timestamp earlier than the revocation: stays valid, the revocation reported', async () => {
    const s = verifyPdf(await extended(bt), { trustAnchors: anchors }).signatures[0]!;
    expect(s.status, s.problems.join(' ')).toBe('valid');
    expect(s.revocation).toMatchObject({ source: 'ocsp', status: 'revoked' });
    expect(s.level).toBe('B-LT');
  });

  it('without a timestamp (validated now, after the revocation): invalid', async () => {
    const s = verifyPdf(await extended(bb), { trustAnchors: anchors }).signatures[0]!;
    expect(s.status).toBe('invalid');
    expect(s.problems.join(' ')).toMatch(/« Éric LEROY » est révoqué depuis le .*avant la date de validation/);
  });

  it('the CRL says the same when the responder is down', async () => {
    rev.mode = 'ocsp-down';
    try {
      const leaf = new X509Certificate(readFileSync(leafPem));
      const data = await fetchRevocation(chainOf(leaf, anchors), { timeoutMs: 10_000 });
      const out = Buffer.concat(appendDss(bt, data));
      const s = verifyPdf(out, { trustAnchors: anchors }).signatures[0]!;
      expect(s.revocation).toMatchObject({ source: 'crl', status: 'revoked' });
      expect(s.status).toBe('valid');
      const late = verifyPdf(Buffer.concat(appendDss(bb, data)), { trustAnchors: anchors }).signatures[0]!;
      expect(late.status).toBe('invalid');
    } finally {
      rev.mode = 'good';
    }
  });
});

describe('a revoked signer', () => {
  it('is refused at signing with a French message, nothing written', async () => {
    const dave = rev.issue('David ROUX');
    await new Promise((r) => setTimeout(r, 1100));
    rev.revoke(dave.pem);
    const output = join(dir, 'revoked.pdf');
    await expect(signFile({ identity: identity(dave.p12), input: put(dir, 'revoked-in.pdf', pdf), output, trustAnchors: anchors, timestamp: tsaOpts(), validationData: {} }))
      .rejects.toThrow(/Votre certificat est révoqué depuis le .* : demandez un nouveau certificat/);
    expect(existsSync(output)).toBe(false);
  }, 30_000);
});

describe('B-LT when the services are not all there', () => {
  it('the responder down: signed with the CRL in the /DSS, verified B-LT', async () => {
    rev.mode = 'ocsp-down';
    try {
      const signed = await signLT(pdf, bob.p12);
      expect(readDss(PdfFile.open(signed)).crls).toHaveLength(1);
      const s = verifyPdf(signed, { trustAnchors: anchors }).signatures[0]!;
      expect(s.level).toBe('B-LT');
      expect(s.revocation).toMatchObject({ source: 'crl', status: 'good' });
    } finally {
      rev.mode = 'good';
    }
  }, 30_000);

  it('no service answers: refused before signing, nothing written, no TSA request', async () => {
    rev.mode = 'down';
    const output = join(dir, 'lt-down.pdf');
    const asked = tsa.requests;
    try {
      await expect(signFile({ identity: identity(bob.p12), input: put(dir, 'lt-down-in.pdf', pdf), output, trustAnchors: anchors, timestamp: tsaOpts(), validationData: { timeoutMs: 5000 } }))
        .rejects.toThrow(/L’état de révocation du certificat « Bruno PETIT » n’a pas pu être obtenu .*Vérifiez votre connexion/);
      expect(existsSync(output)).toBe(false);
      expect(tsa.requests).toBe(asked);
    } finally {
      rev.mode = 'good';
    }
  }, 30_000);
});

describe('B-LT with a TSA whose certificate names the responder', () => {
  it('asks the status of the TSA certificate too, after the timestamp, and puts it in the /DSS', async () => {
    const own = rev.issueTsa('Horodatage avec OCSP');
    await new Promise((r) => setTimeout(r, 1100));
    const tsa2 = await startTestTsa(pki, own);
    try {
      const before = rev.requests.length;
      const r = await signBytes(pdf, { identity: identity(carol.p12), trustAnchors: anchors, timestamp: { url: tsa2.url, timeoutMs: 20_000 }, validationData: {} });
      expect(r.result.level).toBe('B-LT');
      expect(rev.requests.length).toBe(before + 2);
      const signed = Buffer.concat(r.chunks as Buffer[]);
      const dss = readDss(PdfFile.open(signed));
      expect(dss.ocsps).toHaveLength(2);
      const tsaCert = new X509Certificate(readFileSync(own.pem));
      expect(dss.certs.some((c) => c.equals(tsaCert.raw))).toBe(true);
      expect(checkOcspResponse(dss.ocsps[1]!, tsaCert, ca).status).toBe('good');
      expect(verifyPdf(signed, { trustAnchors: anchors }).signatures[0]!.level).toBe('B-LT');
    } finally {
      await tsa2.close();
    }
  }, 30_000);
});

describe('a revoked TSA certificate', () => {
  it('refused at signing (B-LT), and its timestamp makes the signature invalid once the DSS says so', async () => {
    const own = rev.issueTsa('Horodatage révoqué');
    await new Promise((r) => setTimeout(r, 1100));
    rev.revoke(own.pem);
    await new Promise((r) => setTimeout(r, 1100));
    const tsa3 = await startTestTsa(pki, own);
    try {
      const output = join(dir, 'tsa-revoked.pdf');
      await expect(signFile({ identity: identity(carol.p12), input: put(dir, 'tsa-revoked-in.pdf', pdf), output, trustAnchors: anchors, timestamp: { url: tsa3.url, timeoutMs: 20_000 }, validationData: {} }))
        .rejects.toThrow(/Le certificat de l’autorité d’horodatage .* est révoqué depuis le .*Choisissez une autre autorité/);
      expect(existsSync(output)).toBe(false);
      // The same at B-T, then its validation data added: the token's TSA was already revoked.
      const bt = Buffer.concat((await signBytes(pdf, { identity: identity(carol.p12), trustAnchors: anchors, timestamp: { url: tsa3.url, timeoutMs: 20_000 } })).chunks as Buffer[]);
      const tsaCert = new X509Certificate(readFileSync(own.pem));
      const data = await fetchRevocation(chainOf(tsaCert, anchors), {});
      const s = verifyPdf(Buffer.concat(appendDss(bt, data)), { trustAnchors: anchors }).signatures[0]!;
      expect(s.status).toBe('invalid');
      expect(s.problems.join(' ')).toMatch(/Horodatage : Le certificat « Horodatage révoqué » est révoqué/);
    } finally {
      await tsa3.close();
    }
  }, 40_000);
});

describe('CLI: paraphe sign --level B-LT', () => {
  it('signs at B-LT and verify --json reports level and revocation', async () => {
    const input = put(dir, 'cli-lt-in.pdf', pdf);
    const s = recordingIo(dir, TEST_PASSWORD);
    expect(await signCommand.run([input, '--p12', alice.p12, '--trust', pki.caPem, '--tsa', tsa.url, '--level', 'B-LT', '-o', 'cli-lt.pdf'], s.io)).toBe(0);
    expect(s.out()).toMatch(/PAdES B-LT/);
    expect(s.out()).toMatch(/vérifiable hors ligne/);
    const j = recordingIo(dir);
    expect(await verifyCommand.run(['cli-lt.pdf', '--trust', pki.caPem, '--json'], j.io)).toBe(0);
    const sig = JSON.parse(j.out()).signatures[0];
    expect(sig.level).toBe('B-LT');
    expect(sig.revocation).toMatchObject({ source: 'ocsp', status: 'good' });
    const t = recordingIo(dir);
    await verifyCommand.run(['cli-lt.pdf', '--trust', pki.caPem], t.io);
    expect(t.out()).toMatch(/Révocation : certificat non révoqué \(réponse OCSP du .*, lue dans le document\)/);
    expect(t.out()).toMatch(/Niveau PAdES : B-LT/);
  }, 30_000);

  it('B-LT without --tsa is refused', async () => {
    const r = recordingIo(dir, TEST_PASSWORD);
    expect(await signCommand.run([put(dir, 'cli-lt-in2.pdf', pdf), '--p12', alice.p12, '--trust', pki.caPem, '--level', 'B-LT', '-o', 'cli-lt-no.pdf'], r.io)).toBe(2);
    expect(r.err()).toMatch(/Le niveau B-LT exige une autorité d’horodatage/);
    expect(existsSync(join(dir, 'cli-lt-no.pdf'))).toBe(false);
  });
});

describe('the worked example, three signatures at B-LT, verified offline', () => {
  let signed: Buffer;
  beforeAll(async () => {
    const template = getTemplate('exemple-camino-2020')!;
    const example = Buffer.from((await renderConvention(template.build())).bytes);
    const t0 = performance.now();
    const s1 = await signLT(example, alice.p12);
    const t1 = performance.now();
    const s2 = await signLT(s1, bob.p12);
    signed = await signLT(s2, carol.p12);
    console.log(`worked example at B-LT: first signature ${(t1 - t0).toFixed(0)} ms (TSA + OCSP + DSS on loopback)`);
    // Offline from here: no service answers any more.
    await tsa.close();
    await rev.close();
  }, 90_000);

  it('each signature is valid, B-LT, with its OCSP status, the servers stopped', () => {
    const report = verifyPdf(signed, { trustAnchors: anchors });
    expect(report.verdict, JSON.stringify(report.signatures.map((s) => [s.problems, s.changesDisallowed]))).toBe('valid');
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT', 'B-LT']);
    expect(report.signatures.map((s) => s.revocation?.status)).toEqual(['good', 'good', 'good']);
    expect(readDss(PdfFile.open(signed)).ocsps).toHaveLength(3);
  });

  it('years later, the certificates expired, still valid offline', () => {
    const later = new Date(Date.now() + 3 * 365 * 86_400_000);
    const report = verifyPdf(signed, { trustAnchors: anchors, now: later });
    expect(report.signatures.map((s) => s.status)).toEqual(['valid', 'valid', 'valid']);
    expect(report.signatures.map((s) => s.level)).toEqual(['B-LT', 'B-LT', 'B-LT']);
  });

  it('pdfsig calls the three signatures valid', async () => {
    const out = await pdfsigAsync(put(dir, 'example-lt.pdf', signed));
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(3);
  }, 60_000);
});

describe('OCSP responses that must not be used', () => {
  // The services were stopped by the worked example: these run openssl ocsp directly.
  const respond = (leafPem: string, signerPem: string, signerKey: string): Buffer => {
    const leaf = new X509Certificate(readFileSync(leafPem));
    const reqFile = put(dir, `req-${Math.random().toString(36).slice(2)}.der`, ocspRequest(leaf, ca));
    const out = `${reqFile}.resp`;
    execFileSync('openssl', ['ocsp', '-index', join(pki.dir, 'rev', 'index.txt'), '-rsigner', signerPem, '-rkey', signerKey, '-CA', pki.caPem, '-reqin', reqFile, '-respout', out], { stdio: 'pipe' });
    return readFileSync(out);
  };

  it('signed by a certificate of the CA without id-kp-OCSPSigning: refused', () => {
    const resp = respond(alice.pem, bob.pem, bob.pem.replace(/\.pem$/, '.key'));
    expect(() => checkOcspResponse(resp, new X509Certificate(readFileSync(alice.pem)), ca)).toThrow(/ni par un répondeur qu’elle a délégué/);
  });

  it('signed by the delegated responder: used; a certificate the responder does not know: « unknown »', () => {
    const dirRev = join(pki.dir, 'rev');
    const ok = respond(alice.pem, join(dirRev, 'ocsp.pem'), join(dirRev, 'ocsp.key'));
    expect(checkOcspResponse(ok, new X509Certificate(readFileSync(alice.pem)), ca).status).toBe('good');
    const unknown = respond(pki.rsa.cert, join(dirRev, 'ocsp.pem'), join(dirRev, 'ocsp.key'));
    expect(checkOcspResponse(unknown, new X509Certificate(readFileSync(pki.rsa.cert)), ca).status).toBe('unknown');
  });

  it('a response whose signed data was altered: refused', () => {
    const dirRev = join(pki.dir, 'rev');
    const ok = respond(alice.pem, join(dirRev, 'ocsp.pem'), join(dirRev, 'ocsp.key'));
    // The producedAt digits (GeneralizedTime "20…Z"): change one.
    const at = ok.indexOf(Buffer.from(`${new Date().getUTCFullYear()}`));
    const bad = Buffer.from(ok);
    bad[at + 5] = bad[at + 5] === 0x31 ? 0x32 : 0x31;
    expect(() => checkOcspResponse(bad, new X509Certificate(readFileSync(alice.pem)), ca)).toThrow(/ni par un répondeur/);
  });
});
