/**
 * Signing benchmark: Paraphe's signer against @signpdf (placeholder-plain + signer-p12) on the
 * same files and the same PKCS#12 (OpenSSL 3 default: AES-256/PBKDF2), PKCS#12 opening included
 * for both, in the same run; the 50 MB signature against the time to hash and write the file;
 * Paraphe's verifier against poppler's pdfsig on the same signed file. Medians of wall time.
 * Goals (issue 4): ≥ 5× faster than @signpdf per signature; 50 MB within 3× of hash + write;
 * verification no slower than pdfsig (issue 9: ≤ 1× on the 50 MB file).
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
import { run as runTimestampBench } from './sign-tsa';
import { readHashed } from '../main/signing/verify/read-hashed';

/** Median wall time and median CPU time (user + system) of `runs` calls, after one warm-up. */
async function measure(runs: number, fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wall: mid(wall), cpu: mid(cpu) };
}

async function median(runs: number, fn: () => unknown): Promise<number> {
  return (await measure(runs, fn)).wall;
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
      ['PDF d’une page', await makeFieldsPdf(), 30],
      [template ? 'exemple-camino-2020 (rendu par main/pdf)' : 'PDF de 15 pages', example, 20],
      ['PDF de 50 Mo', await makeFieldsPdf({ padding: 50 * 1024 * 1024 }), 5],
    ];
    const signpdf = new SignPdf();
    // Warm both up on the small files first: the first calls pay for JIT compilation.
    for (let i = 0; i < 10; i++) {
      for (const [, pdf] of files.slice(0, 2)) {
        signPdf({ pdf, signer: openPkcs12(p12, TEST_PASSWORD) });
        await signpdf.sign(plainAddPlaceholder({ pdfBuffer: pdf, reason: 'x', contactInfo: '', name: 'x', location: 'x' }), new P12Signer(p12, { passphrase: TEST_PASSWORD }));
      }
    }
    // The embedded Marianne subsets are built once per process (as in the app), then copied.
    const t0 = performance.now();
    const font = await loadStampFont();
    console.log(`Préparation unique de la police du tampon (Marianne) : ${ms(performance.now() - t0)}`);
    console.log('Signature (ouverture du .p12 comprise, en mémoire), médianes :');
    let big: { input: string; output: string } | undefined;
    for (const [label, pdf, runs] of files) {
      const ours = await measure(runs, () => signPdf({ pdf, signer: openPkcs12(p12, TEST_PASSWORD), font }));
      const theirs = await measure(runs, async () => {
        const withPlaceholder = plainAddPlaceholder({ pdfBuffer: pdf, reason: 'Signature', contactInfo: '', name: 'Brice HUET', location: 'Paris' });
        return signpdf.sign(withPlaceholder, new P12Signer(p12, { passphrase: TEST_PASSWORD }));
      });
      console.log(`  ${label} (${(pdf.length / 1024).toFixed(0)} Kio) : temps réel Paraphe ${ms(ours.wall)}, @signpdf ${ms(theirs.wall)} (${ratio(theirs.wall, ours.wall)}) ; temps CPU Paraphe ${ms(ours.cpu)}, @signpdf ${ms(theirs.cpu)} (${ratio(theirs.cpu, ours.cpu)} plus rapide, objectif ≥ 5×)`);
      if (pdf.length > 40 * 1024 * 1024) {
        big = { input: join(dir, 'gros.pdf'), output: join(dir, 'gros-signe.pdf') };
        writeFileSync(big.input, pdf);
      }
    }

    if (big) {
      const { input, output } = big;
      // Alternate the two and delete each file outside the timing, so that neither pays for
      // the other's dirty pages being written back.
      const base: number[] = [];
      const mine: number[] = [];
      for (let i = 0; i < 6; i++) {
        const copy = join(dir, 'copie.pdf');
        let t = performance.now();
        const bytes = await readFile(input);
        createHash('sha256').update(bytes).digest();
        const fh = await open(copy, 'w');
        await fh.writeFile(bytes);
        await fh.sync();
        await fh.close();
        if (i > 0) base.push(performance.now() - t);
        rmSync(copy);
        t = performance.now();
        await signFile({ input, output, identity: openPkcs12(p12, TEST_PASSWORD) });
        if (i > 0) mine.push(performance.now() - t);
        rmSync(output);
      }
      const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const baseline = mid(base);
      const ours = mid(mine);
      console.log(`Fichier de 50 Mo, du disque au disque : signature ${ms(ours)}, lire + SHA-256 + écrire + fsync ${ms(baseline)}, rapport ${ratio(ours, baseline)} (objectif ≤ 3×)`);
    }

    const ca = new X509Certificate(readFileSync(pki.caPem));
    console.log('Vérification (fichier lu depuis le disque ; pdfsig avec une base NSS qui fait confiance à l’AC), médianes :');
    for (const [label, pdf] of [files[0]!, files[1]!, files[2]!]) {
      const signed = Buffer.concat(signPdf({ pdf, signer: openPkcs12(p12, TEST_PASSWORD), font }).chunks as Buffer[]);
      const path = join(dir, 'a-verifier.pdf');
      writeFileSync(path, signed);
      // As paraphe verify does: the file hashed while it is read (main/signing/verify/read-hashed.ts).
      const ours = await median(7, async () => {
        const { bytes, prefixHash } = await readHashed(path);
        return verifyPdf(bytes, { trustAnchors: [ca], prefixHash });
      });
      const theirs = await median(7, () => execFileSync('pdfsig', ['-nssdir', pki.nssDir, path], { stdio: ['ignore', 'pipe', 'pipe'] }));
      const verdict = verifyPdf(signed, { trustAnchors: [ca] }).verdict;
      console.log(`  ${label} : Paraphe ${ms(ours)} (${verdict}), pdfsig ${ms(theirs)} (processus complet), rapport ${ratio(ours, theirs)} (objectif ≤ 1× : pas plus lent que pdfsig)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(pki.dir, { recursive: true, force: true });
  }
  // PAdES B-T: what the TSA round trip adds next to a B-B signature of the same file.
  await runTimestampBench();
}
