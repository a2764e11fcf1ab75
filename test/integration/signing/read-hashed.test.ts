/**
 * Reading while hashing (main/signing/verify/read-hashed.ts): the prefix states it keeps give
 * the same digests as hashing from the start, at every kind of boundary, and the verifier
 * that uses them gives the same report — including « invalide » for one changed byte.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readHashed } from '../../../main/signing/verify/read-hashed';
import { verifyPdf } from '../../../main/signing/verify/verify-pdf';
import { byteRanges, flip } from '../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { put, signWith, tempDir } from '../../helpers/signing/sign';

let pki: TestPki;
let dir: string;
let signed: Buffer;

beforeAll(async () => {
  pki = makeTestPki();
  dir = tempDir('paraphe-read-hashed-');
  // 9.5 MB: several read slices (4 MB) and hash states (1 MB), and a tail shorter than both.
  const pdf = await makeFieldsPdf({ padding: 9.5 * 1024 * 1024 });
  signed = signWith(signWith(pdf, pki.rsa), pki.ec);
});

describe('readHashed', () => {
  it('gives the file’s bytes and, for any prefix, the digest of that prefix', async () => {
    const path = put(dir, 'signe.pdf', signed);
    const { bytes, prefixHash } = await readHashed(path);
    expect(bytes.equals(signed)).toBe(true);
    const MB = 1024 * 1024;
    for (const end of [0, 1, MB - 1, MB, MB + 1, 4 * MB, 4 * MB + 7, 9 * MB, signed.length - 1, signed.length]) {
      expect(prefixHash('sha256', end)!.digest('hex'), `préfixe ${end}`).toBe(createHash('sha256').update(signed.subarray(0, end)).digest('hex'));
    }
    // A state handed out is a copy: using it twice gives the same digest.
    expect(prefixHash('sha256', 3 * MB + 5)!.digest('hex')).toBe(prefixHash('sha256', 3 * MB + 5)!.digest('hex'));
    expect(prefixHash('sha384', 10)).toBeUndefined();
    expect(prefixHash('sha256', signed.length + 1)).toBeUndefined();
  });

  it('the verifier’s report is the same with and without the states; a flipped byte is still caught', async () => {
    const ca = new X509Certificate(readFileSync(pki.caPem));
    const path = put(dir, 'signe2.pdf', signed);
    const hashed = await readHashed(path);
    const withStates = verifyPdf(hashed.bytes, { trustAnchors: [ca], prefixHash: hashed.prefixHash });
    expect(withStates).toEqual(verifyPdf(signed, { trustAnchors: [ca] }));
    expect(withStates.verdict).toBe('valid');
    const [br] = byteRanges(signed);
    const bad = put(dir, 'altere.pdf', flip(signed, Math.floor(br![1]! / 3)));
    const read = await readHashed(bad);
    expect(verifyPdf(read.bytes, { trustAnchors: [ca], prefixHash: read.prefixHash }).verdict).toBe('invalid');
  });

  it('a missing file or a folder: the French messages of the other readers', async () => {
    await expect(readHashed(join(dir, 'absent.pdf'))).rejects.toThrow(/n’existe pas\. Vérifiez le chemin/);
    await expect(readHashed(dir)).rejects.toThrow(/est un dossier/);
  });
});
