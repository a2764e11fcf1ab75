import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isUserError } from '../../../shared/errors';
import { byteRanges } from '../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let signed: Buffer;

beforeAll(async () => {
  pki = makeTestPki();
  signed = signWith(signWith(await makeFieldsPdf({ signatories: [
    { name: 'Brice HUET', title: 'SG adjoint', party: 'le délégant' },
    { name: 'Patrick SOULÉ', title: 'Adjoint', party: 'le délégataire' },
  ] }), pki.rsa), pki.ec);
  expect(verifyTrusting(pki, signed).verdict).toBe('valid');
});

/** The verifier's answer, or the code of the user-facing error it threw (any other throw fails the test). */
function outcome(bytes: Buffer): string {
  try {
    return verifyTrusting(pki, bytes).verdict;
  } catch (e) {
    if (isUserError(e)) return `erreur:${e.code}`;
    throw e;
  }
}

describe('the verifier fails closed on any damage to a fully signed file', () => {
  it('any single changed byte: never « valid » outside the CMS, never an unexpected exception', () => {
    // Inside /Contents, the CMS certificate bag is not signed: a damaged copy of the CA
    // certificate there leaves the signature valid (the trust list supplies the real one).
    const gaps = byteRanges(signed).map(([, a, b]) => [a!, b!] as const);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: signed.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const bad = Buffer.from(signed);
        bad[at] = bad[at]! ^ mask;
        const verdict = outcome(bad);
        if (!gaps.some(([a, b]) => at > a && at < b - 1)) expect(verdict).not.toBe('valid');
      }),
      { numRuns: 400 },
    );
  });

  it('a changed byte in the signer’s certificate, signed attributes or signature value: invalid', () => {
    const [, a] = byteRanges(signed)[1]!;
    // The leaf certificate and the SignerInfo sit in the first ~600 and last ~300 bytes of the CMS.
    const hexStart = a! + 1;
    for (const offset of [40, 200, 400]) {
      const bad = Buffer.from(signed);
      bad.write(bad[hexStart + offset] === 0x30 ? '1' : '0', hexStart + offset, 'latin1');
      expect(outcome(bad)).not.toBe('valid');
    }
  });

  it('any truncation or insertion: never « valid », never an unexpected exception', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: signed.length - 1 }), fc.uint8Array({ minLength: 0, maxLength: 8 }), (at, insert) => {
        const truncated = signed.subarray(0, at);
        expect(outcome(truncated)).not.toBe('valid');
        if (insert.length > 0) {
          const grown = Buffer.concat([signed.subarray(0, at), Buffer.from(insert), signed.subarray(at)]);
          expect(outcome(grown)).not.toBe('valid');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('the signer, given a damaged PDF, signs it or says why, never crashes', async () => {
    const blank = await makeFieldsPdf();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: blank.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const bad = Buffer.from(blank);
        bad[at] = bad[at]! ^ mask;
        try {
          signWith(bad, pki.rsa);
        } catch (e) {
          if (!isUserError(e)) throw e;
        }
      }),
      { numRuns: 150 },
    );
  });
});
