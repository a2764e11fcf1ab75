/**
 * Signing benchmark: Paraphe's signer against @signpdf (placeholder-plain + signer-p12) on the
 * same files and the same PKCS#12 (OpenSSL 3 default: AES-256/PBKDF2), PKCS#12 opening included
 * for both, in the same run; the 50 MB signature against the time to hash and write the file;
 * Paraphe's verifier against poppler's pdfsig on the same signed file. Medians of wall time.
 * Goals (issue 4): ≥ 5× faster than @signpdf per signature; 50 MB within 3× of hash + write;
 * verification no slower than 2× pdfsig.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import { renderConvention } from '../main/pdf/index';
import { openPkcs12 } from '../main/signing/crypto/pkcs12';
import { signFile } from '../main/signing/service';
import { signPdf } from '../main/signing/sign-pdf';
import { loadStampFont } from '../main/signing/stamp-font';
import { verifyPdf } from '../main/signing/verify/verify-pdf';
import { getTemplate } from '../shared/templates/index';
import { makeFieldsPdf } from '../test/helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD } from '../test/helpers/signing/pki';

async function median(runs: number, fn: () => unknown): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(a / b < 1 ? 2 : 1)}×`;

/** Prints the figures. */
export async function run(): Promise<void> {
  const pki = makeTestPki();
  const dir = mkdtempSync(join(tmpdir(), 'paraphe-bench-sign-'));
  try {
    const p12 = readFileSync(pki.rsa.p12);
    const template = getTemplate('exemple-camino-2020');
    const example = template ? Buffer.from((await renderConvention(template.build())).bytes) : await makeFieldsPdf({ pages: 15 });
    const files: Array<[string, Buffer, number]> = [
      ['PDF d’une page', await makeFieldsPdf(), 20],
      [template ? 'exemple-camino-2020 (rendu par main/pdf)' : 'PDF de 15 pages', example, 10],
      ['PDF de 50 Mo', await makeFieldsPdf({ padding: 50 * 1024 * 1024 }), 5],
    ];
    const signpdf = new SignPdf();
    // The embedded Marianne subsets are built once per process (as in the app), then copied.
    const t0 = performance.now();
    const font = await loadStampFont();
    console.log(`Préparation unique de la police du tampon (Marianne) : ${ms(performance.now() - t0)}`);
    console.log('Signature (ouverture du .p12 comprise, en mémoire), médianes :');
    let big: { input: string; output: string } | undefined;
    for (const [label, pdf, runs] of files) {
      const ours = await median(runs, () => signPdf({ pdf, signer: openPkcs12(p12, TEST_PASSWORD), font }));
      const theirs = await median(runs, async () => {
        const withPlaceholder = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'Signature', contactInfo: '', name: 'Brice HUET', location: 'Paris' });
        return signpdf.sign(withPlaceholder, new P12Signer(p12, { passphrase: TEST_PASSWORD }));
      });
      console.log(`  ${label} (${(pdf.length / 1024).toFixed(0)} Kio) : Paraphe ${ms(ours)}, @signpdf ${ms(theirs)}, Paraphe ${ratio(theirs, ours)} plus rapide (objectif ≥ 5×)`);
      if (pdf.length > 40 * 1024 * 1024) {
        big = { input: join(dir, 'gros.pdf'), output: join(dir, 'gros-signe.pdf') };
        writeFileSync(big.input, pdf);
      }
    }

    if (big) {
      const { input, output } = big;
      const baseline = await median(3, async () => {
        const bytes = await readFile(input);
        createHash('sha256').update(bytes).digest();
        const fh = await open(join(dir, 'copie.pdf'), 'w');
        await fh.writeFile(bytes);
        await fh.sync();
        await fh.close();
      });
      const ours = await median(3, async () => {
        rmSync(output, { force: true });
        await signFile({ input, output, identity: openPkcs12(p12, TEST_PASSWORD) });
      });
      console.log(`Fichier de 50 Mo, du disque au disque : signature ${ms(ours)}, lire + SHA-256 + écrire + fsync ${ms(baseline)}, rapport ${ratio(ours, baseline)} (objectif ≤ 3×)`);
    }

    const ca = new X509Certificate(readFileSync(pki.caPem));
    console.log('Vérification (fichier lu depuis le disque ; pdfsig avec une base NSS qui fait confiance à l’AC), médianes :');
    for (const [label, pdf] of [files[0]!, files[1]!, files[2]!]) {
      const signed = Buffer.concat(signPdf({ pdf, signer: openPkcs12(p12, TEST_PASSWORD), font }).chunks as Buffer[]);
      const path = join(dir, 'a-verifier.pdf');
      writeFileSync(path, signed);
      const ours = await median(5, async () => verifyPdf(await readFile(path), { trustAnchors: [ca] }));
      const theirs = await median(5, () => execFileSync('pdfsig', ['-nssdir', pki.nssDir, path], { stdio: ['ignore', 'pipe', 'pipe'] }));
      const verdict = verifyPdf(signed, { trustAnchors: [ca] }).verdict;
      console.log(`  ${label} : Paraphe ${ms(ours)} (${verdict}), pdfsig ${ms(theirs)} (processus complet), rapport ${ratio(ours, theirs)} (objectif ≤ 2×)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(pki.dir, { recursive: true, force: true });
  }
}
