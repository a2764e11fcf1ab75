/**
 * PAdES B-T against a real TSA on loopback (`openssl ts -reply` behind a Node HTTP server):
 * the token is checked before it goes into the CMS, OpenSSL accepts it, pdfsig still calls the
 * signature valid, our verifier reports the level and uses the timestamp as validation time,
 * and every bad TSA answer fails the signature with nothing written.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, signBytes, signFile, signPdf, verifyPdf } from '../../../main/signing';
import { cmsSizeBound } from '../../../main/signing/crypto/cms';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, pdfsig, TEST_PASSWORD, type TestIdentity, type TestPki } from '../../helpers/signing/pki';
import { put, signWith, tempDir } from '../../helpers/signing/sign';
import { recordingIo } from '../../helpers/signing/cli-io';
import { signCommand } from '../../../main/cli/commands/sign';
import { verifyCommand } from '../../../main/cli/commands/verify';
import { SignatureReportSchema } from '../../../shared/ipc/channels/signing';
import { extractTimestampToken, makeLeafUntil, signatureValue, startTestTsa, type TestTsa } from '../../helpers/signing/tsa';

let pki: TestPki;
let tsa: TestTsa;
let dir: string;
let pdf: Buffer;
let anchors: X509Certificate[];

const identity = (id: TestIdentity | string) => openPkcs12(readFileSync(typeof id === 'string' ? id : id.p12), TEST_PASSWORD);

async function signBT(input: Buffer, id: TestIdentity | string, extra: { now?: Date } = {}): Promise<Buffer> {
  const r = await signBytes(input, { identity: identity(id), trustAnchors: anchors, timestamp: { url: tsa.url, timeoutMs: 20_000 }, ...extra });
  expect(r.result.level).toBe('B-T');
  return Buffer.concat(r.chunks as Buffer[]);
}

beforeAll(async () => {
  pki = makeTestPki();
  tsa = await startTestTsa(pki);
  dir = tempDir();
  pdf = await makeFieldsPdf();
  anchors = [new X509Certificate(readFileSync(pki.caPem))];
}, 60_000);

afterAll(async () => {
  await tsa?.close();
});

describe('B-T: a signature timestamp from the TSA', () => {
  let signed: Buffer;
  beforeAll(async () => {
    tsa.mode = 'good';
    signed = await signBT(pdf, pki.rsa);
  }, 30_000);

  it('puts a token over the signature value that openssl ts -verify accepts', () => {
    const token = extractTimestampToken(signed);
    expect(token).toBeDefined();
    const tok = put(dir, 'sig.tst', token!);
    const data = put(dir, 'sig.val', signatureValue(signed));
    const chain = readFileSync(pki.caPem);
    const caFile = put(dir, 'ca-only.pem', chain);
    const out = execFileSync('openssl', ['ts', '-verify', '-in', tok, '-token_in', '-data', data, '-CAfile', caFile, '-untrusted', tsa.certPem], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
    expect(out).toMatch(/Verification: OK/);
  });

  it('keeps the signature valid for pdfsig (the token sits outside the signed bytes)', () => {
    const r = pdfsig(pki, put(dir, 'bt.pdf', signed));
    expect(r.valid).toBe(1);
    expect(r.trusted).toBe(1);
  });

  it('is reported as B-T with the TSA time and authority', () => {
    const report = verifyPdf(signed, { trustAnchors: anchors });
    expect(report.verdict).toBe('valid');
    const s = report.signatures[0]!;
    expect(s.level).toBe('B-T');
    expect(s.timestamp?.status).toBe('valid');
    expect(s.timestamp?.authority).toBe('Horodatage de test tsa');
    expect(Math.abs(new Date(s.timestamp!.time!).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('validates the chain at the timestamp time: still valid once the signer certificate has expired', () => {
    const later = new Date(Date.now() + 400 * 86_400_000);
    const bt = verifyPdf(signed, { trustAnchors: anchors, now: later });
    expect(bt.signatures[0]!.status).toBe('valid');
    // The same signature without its timestamp proves nothing once the certificate expired.
    const bb = verifyPdf(signWith(pdf, pki.rsa), { trustAnchors: anchors, now: later });
    expect(bb.signatures[0]!.status).toBe('invalid');
    expect(bb.signatures[0]!.level).toBe('B-B');
    expect(bb.signatures[0]!.trustMessage).toMatch(/aucune preuve/);
  });

  it('without a TSA the B-B bytes are unchanged (no room reserved, no unsigned attribute)', async () => {
    const now = new Date();
    const signer = identity(pki.rsa);
    const a = signPdf({ pdf, signer, now });
    expect(a.contents.hexLength).toBe(cmsSizeBound(signer) * 2);
    const viaService = await signBytes(pdf, { identity: signer, now });
    expect(viaService.result.level).toBe('B-B');
    expect(extractTimestampToken(Buffer.concat(viaService.chunks as Buffer[]))).toBeUndefined();
  });

  it('timestamps each of three signatures in turn, all valid for us and for pdfsig', async () => {
    const s2 = await signBT(signed, pki.ec);
    const s3 = await signBT(s2, pki.legacy);
    const report = verifyPdf(s3, { trustAnchors: anchors });
    expect(report.verdict).toBe('valid');
    expect(report.signatures.map((s) => s.level)).toEqual(['B-T', 'B-T', 'B-T']);
    const r = pdfsig(pki, put(dir, 'bt3.pdf', s3));
    expect(r.valid).toBe(3);
  }, 30_000);
});


describe('B-T: a signer whose certificate expires after the timestamp', () => {
  it('stays valid with the timestamp, « expiré » without it', async () => {
    tsa.mode = 'good';
    const start = Date.now();
    // `openssl ca -enddate`: a certificate that ends a few seconds from now.
    const shortLived = makeLeafUntil(pki, new Date(start + 4000));
    const bt = await signBT(pdf, shortLived);
    const bb = signWith(pdf, { p12: shortLived, cert: '', key: '', nick: 'odd' });
    await new Promise((r) => setTimeout(r, Math.max(0, start + 5000 - Date.now())));
    const withTs = verifyPdf(bt, { trustAnchors: anchors }).signatures[0]!;
    expect(withTs.status).toBe('valid');
    expect(withTs.level).toBe('B-T');
    expect(new Date(withTs.timestamp!.time!).getTime()).toBeLessThan(start + 4000);
    const without = verifyPdf(bb, { trustAnchors: anchors }).signatures[0]!;
    expect(without.status).toBe('invalid');
    expect(without.trustMessage).toMatch(/Certificat expiré : aucune preuve/);
  }, 30_000);
});

describe('B-T: a TSA that answers badly fails the signature, nothing written', () => {
  const cases: Array<[TestTsa['mode'], RegExp]> = [
    ['wrong-imprint', /empreinte horodatée n’est pas celle de la signature/],
    ['wrong-nonce', /aléa \(nonce\)/],
    ['untrusted', /Aucune autorité de confiance ne garantit le certificat de « Horodatage de test tsa-rogue »/],
    ['http-error', /erreur HTTP 503/],
    ['rejection', /a refusé la demande/],
  ];
  for (const [mode, message] of cases) {
    it(`${mode}: refused with a French message`, async () => {
      tsa.mode = mode;
      const input = put(dir, `in-${mode}.pdf`, pdf);
      const output = join(dir, `out-${mode}.pdf`);
      try {
        await expect(signFile({ identity: identity(pki.rsa), input, output, trustAnchors: anchors, timestamp: { url: tsa.url } })).rejects.toThrow(message);
        expect(existsSync(output)).toBe(false);
      } finally {
        tsa.mode = 'good';
      }
    }, 20_000);
  }

  it('an unreachable TSA: refused, saying to check the network', async () => {
    const output = join(dir, 'out-unreachable.pdf');
    await expect(signFile({ identity: identity(pki.rsa), input: put(dir, 'in-unreachable.pdf', pdf), output, trustAnchors: anchors, timestamp: { url: 'http://127.0.0.1:9/tsa', timeoutMs: 3000 } }))
      .rejects.toThrow(/injoignable.*Vérifiez votre connexion/);
    expect(existsSync(output)).toBe(false);
  });
});

describe('B-T: the verifier checks the token offline', () => {
  let signed: Buffer;
  beforeAll(async () => {
    tsa.mode = 'good';
    signed = await signBT(pdf, pki.rsa);
  }, 30_000);

  it('a token whose TSA is not in the trust list is not used as proof of time', () => {
    const other = verifyPdf(signed, { trustAnchors: [], now: new Date(Date.now() + 400 * 86_400_000) }).signatures[0]!;
    expect(other.timestamp?.status).toBe('untrusted');
    expect(other.level).toBe('B-B');
    expect(other.status).toBe('invalid');
  });

  it('a token altered inside /Contents (outside the signed bytes) makes the signature invalid', () => {
    const token = extractTimestampToken(signed)!;
    const hex = signed.toString('latin1');
    // The TSTInfo's genTime digits: change one, the TSA's signature no longer matches.
    const at = hex.indexOf(token.toString('hex'));
    expect(at).toBeGreaterThan(0);
    const genTime = token.indexOf(Buffer.from(String(new Date().getUTCFullYear())));
    const tampered = Buffer.from(signed);
    const pos = at + genTime * 2 + 6;
    tampered.write(tampered.toString('latin1', pos, pos + 1) === '3' ? '4' : '3', pos, 'latin1');
    const s = verifyPdf(tampered, { trustAnchors: anchors }).signatures[0]!;
    expect(s.timestamp?.status).toBe('invalid');
    expect(s.status).toBe('invalid');
    expect(s.problems.join(' ')).toMatch(/Horodatage invalide/);
  });
});

describe('CLI: paraphe sign --tsa, paraphe verify --json', () => {
  it('signs at B-T and reports level and timestamp in the JSON and in the text', async () => {
    tsa.mode = 'good';
    const input = put(dir, 'cli-in.pdf', pdf);
    const s = recordingIo(dir, TEST_PASSWORD);
    expect(await signCommand.run([input, '--p12', pki.rsa.p12, '--trust', pki.caPem, '--tsa', tsa.url, '-o', 'cli-bt.pdf'], s.io)).toBe(0);
    expect(s.out()).toMatch(/Horodatée par « Horodatage de test tsa » .*PAdES B-T/);
    const j = recordingIo(dir);
    expect(await verifyCommand.run(['cli-bt.pdf', '--trust', pki.caPem, '--json'], j.io)).toBe(0);
    const sig = JSON.parse(j.out()).signatures[0];
    expect(sig.level).toBe('B-T');
    expect(sig.timestamp).toMatchObject({ authority: 'Horodatage de test tsa', status: 'valid' });
    const t = recordingIo(dir);
    await verifyCommand.run(['cli-bt.pdf', '--trust', pki.caPem], t.io);
    expect(t.out()).toMatch(/Horodatage : .*, par « Horodatage de test tsa » \(valide/);
    expect(t.out()).toMatch(/Niveau PAdES : B-T/);
    expect(SignatureReportSchema.parse(sig).timestamp?.status).toBe('valid');
  }, 30_000);

  it('refuses --tsa without --trust, B-T without --tsa, and an unknown level', async () => {
    const input = put(dir, 'cli-in2.pdf', pdf);
    for (const [args, message] of [
      [['--tsa', tsa.url], /indiquez avec --trust/],
      [['--level', 'B-T', '--trust', pki.caPem], /exige une autorité d’horodatage/],
      [['--level', 'B-LTX', '--tsa', tsa.url, '--trust', pki.caPem], /Niveau « B-LTX » inconnu : indiquez B-B, B-T, B-LT ou B-LTA/],
    ] as const) {
      const r = recordingIo(dir, TEST_PASSWORD);
      expect(await signCommand.run([input, '--p12', pki.rsa.p12, ...args, '-o', 'cli-no.pdf'], r.io)).toBe(2);
      expect(r.err()).toMatch(message);
    }
    expect(existsSync(join(dir, 'cli-no.pdf'))).toBe(false);
  });
});
