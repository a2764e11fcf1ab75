/** Small wrappers used by the signing tests. */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../scratch';
import { openPkcs12 } from '../../../main/signing/crypto/pkcs12';
import { signPdf, type SignRequest } from '../../../main/signing/sign-pdf';
import { verifyPdf, type VerifyReport } from '../../../main/signing/verify/verify-pdf';
import { TEST_PASSWORD, type TestIdentity, type TestPki } from './pki';

/** Signs in memory with a test identity; returns the whole signed file. */
export function signWith(pdf: Buffer, id: TestIdentity, opts: Partial<SignRequest> = {}): Buffer {
  const signer = openPkcs12(readFileSync(id.p12), TEST_PASSWORD);
  return Buffer.concat(signPdf({ pdf, signer, ...opts }).chunks as Buffer[]);
}

/** Our verifier, trusting the test CA. */
export function verifyTrusting(pki: TestPki, pdf: Buffer): VerifyReport {
  return verifyPdf(pdf, { trustAnchors: [new X509Certificate(readFileSync(pki.caPem))] });
}

/** A fresh temp folder. */
export function tempDir(prefix = 'paraphe-sign-'): string {
  return scratchDir(prefix);
}

/** Writes bytes to a file in `dir` and returns its path. */
export function put(dir: string, name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** `qpdf --check` exit status (0 fine, 3 warnings) and its output. */
export function qpdfCheck(file: string): { code: number; text: string } {
  try {
    return { code: 0, text: execFileSync('qpdf', ['--check', file], { stdio: ['ignore', 'pipe', 'pipe'] }).toString() };
  } catch (e) {
    const err = e as { status?: number; stdout?: Buffer; stderr?: Buffer };
    return { code: err.status ?? 1, text: `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}` };
  }
}
