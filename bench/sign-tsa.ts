/**
 * What each PAdES level adds to a signature of the same file: B-B, B-T (a signature timestamp),
 * B-LT (the signer's OCSP status asked first, then a /DSS update) and B-LTA (a document
 * timestamp after the /DSS), against services on loopback made of OpenSSL (`openssl ts -reply`
 * and `openssl ocsp -index` behind Node HTTP servers, test/helpers/signing/tsa.ts and ocsp.ts);
 * then the verification of each, and « Prolonger la validité » (extendPdf) of a B-LTA file. The
 * OpenSSL process per request is most of each round trip; a real service adds its network
 * round trip instead.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { renderConvention } from '../main/pdf/index';
import { openPkcs12 } from '../main/signing/crypto/pkcs12';
import { extendPdf } from '../main/signing/ltv/extend';
import { signBytes, type SignOptions } from '../main/signing/service';
import { verifyPdf } from '../main/signing/verify/verify-pdf';
import { getTemplate } from '../shared/templates/index';
import { makeFieldsPdf } from '../test/helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD } from '../test/helpers/signing/pki';
import { startTestRevocation } from '../test/helpers/signing/ocsp';
import { startTestTsa } from '../test/helpers/signing/tsa';

async function median(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  return xs.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

/** Prints the figures. */
export async function run(): Promise<void> {
  const pki = makeTestPki();
  const rev = await startTestRevocation(pki);
  const tsa = await startTestTsa(pki);
  try {
    const leaf = rev.issue('Agent Banc Essai');
    // OpenSSL 3.0 cannot backdate: let the leaf's first second pass.
    await new Promise((r) => setTimeout(r, 1100));
    const identity = openPkcs12(readFileSync(leaf.p12), TEST_PASSWORD);
    const trustAnchors = [new X509Certificate(readFileSync(pki.caPem))];
    const template = getTemplate('exemple-camino-2020');
    const pdf = template ? Buffer.from((await renderConvention(template.build())).bytes) : await makeFieldsPdf({ pages: 15 });
    const timestamp = { url: tsa.url };
    const levels: Array<[string, Partial<SignOptions>]> = [
      ['B-B', {}],
      ['B-T', { timestamp }],
      ['B-LT', { timestamp, validationData: {} }],
      ['B-LTA', { timestamp, validationData: {}, archiveTimestamp: true }],
    ];
    const runs = 7;
    const signTimes: number[] = [];
    const verifyTimes: number[] = [];
    let lta = pdf;
    for (const [, opts] of levels) {
      signTimes.push(await median(runs, () => signBytes(pdf, { identity, trustAnchors, ...opts })));
      const signed = Buffer.concat((await signBytes(pdf, { identity, trustAnchors, ...opts })).chunks as Buffer[]);
      verifyTimes.push(await median(runs, () => verifyPdf(signed, { trustAnchors })));
      lta = signed;
    }
    const extend = await median(runs, () => extendPdf(lta, { tsa: timestamp, trustAnchors }));
    const bb = signTimes[0]!;
    console.log(`Niveaux PAdES (autorité d’horodatage et répondeur OCSP OpenSSL sur 127.0.0.1), ${template ? 'exemple-camino-2020' : 'PDF de 15 pages'} (${(pdf.length / 1024).toFixed(0)} Kio), médianes de ${runs} :`);
    levels.forEach(([name], i) => {
      const extra = i === 0 ? '' : ` (× ${(signTimes[i]! / bb).toFixed(1)} ; +${ms(signTimes[i]! - signTimes[i - 1]!)} sur ${levels[i - 1]![0]})`;
      console.log(`  signature ${name.padEnd(5)} ${ms(signTimes[i]!).padStart(9)}${extra} ; vérification ${ms(verifyTimes[i]!)}`);
    });
    console.log(`  prolonger la validité d’un fichier B-LTA (vérification, OCSP, /DSS, horodatage du document) : ${ms(extend)}`);
  } finally {
    await tsa.close();
    await rev.close();
    rmSync(pki.dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('sign-tsa.ts')) await run();
