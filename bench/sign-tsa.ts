/**
 * What a signature timestamp (PAdES B-T) adds: the same file signed at B-B and at B-T against
 * a TSA on loopback (`openssl ts -reply` behind a Node HTTP server, test/helpers/signing/tsa.ts),
 * and verified at both levels. The TSA's own time (an OpenSSL process per request) is most of
 * the difference; a real TSA adds its network round trip instead.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { renderConvention } from '../main/pdf/index';
import { openPkcs12 } from '../main/signing/crypto/pkcs12';
import { signBytes } from '../main/signing/service';
import { verifyPdf } from '../main/signing/verify/verify-pdf';
import { getTemplate } from '../shared/templates/index';
import { makeFieldsPdf } from '../test/helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD } from '../test/helpers/signing/pki';
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
  const tsa = await startTestTsa(pki);
  try {
    const identity = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
    const trustAnchors = [new X509Certificate(readFileSync(pki.caPem))];
    const template = getTemplate('exemple-camino-2020');
    const pdf = template ? Buffer.from((await renderConvention(template.build())).bytes) : await makeFieldsPdf({ pages: 15 });
    const timestamp = { url: tsa.url };
    const bb = await median(15, () => signBytes(pdf, { identity, trustAnchors }));
    const bt = await median(15, () => signBytes(pdf, { identity, trustAnchors, timestamp }));
    console.log(`Horodatage RFC 3161 (autorité OpenSSL sur 127.0.0.1), ${template ? 'exemple-camino-2020' : 'PDF de 15 pages'} (${(pdf.length / 1024).toFixed(0)} Kio), médianes :`);
    console.log(`  signature B-B ${ms(bb)}, B-T ${ms(bt)} : l’aller-retour vers l’autorité et le contrôle du jeton ajoutent ${ms(bt - bb)}`);
    const signedBb = Buffer.concat((await signBytes(pdf, { identity, trustAnchors })).chunks as Buffer[]);
    const signedBt = Buffer.concat((await signBytes(pdf, { identity, trustAnchors, timestamp })).chunks as Buffer[]);
    const vbb = await median(15, () => verifyPdf(signedBb, { trustAnchors }));
    const vbt = await median(15, () => verifyPdf(signedBt, { trustAnchors }));
    console.log(`  vérification B-B ${ms(vbb)}, B-T ${ms(vbt)} (contrôle hors ligne du jeton : +${ms(vbt - vbb)})`);
  } finally {
    await tsa.close();
    rmSync(pki.dir, { recursive: true, force: true });
  }
}
