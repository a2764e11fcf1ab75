/**
 * Issue 17, property: random damage to signed files — byte flips, truncations, numbers of
 * the cross-reference and object-stream dictionaries replaced by hostile ones — never
 * crashes the verifier or the signer (a report, or a French UserError), never takes long,
 * and never gives « valide » to a signature one of whose signed bytes changed.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, type OpenedIdentity } from '../../../main/signing/crypto/pkcs12';
import { signPdf } from '../../../main/signing/sign-pdf';
import { verifyPdf } from '../../../main/signing/verify/verify-pdf';
import { X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { byteRanges } from '../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';

let pki: TestPki;
let anchors: X509Certificate[];
let signer: OpenedIdentity;
const files: Record<string, Buffer> = {};

beforeAll(async () => {
  pki = makeTestPki();
  anchors = [new X509Certificate(readFileSync(pki.caPem))];
  signer = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
  const ec = openPkcs12(readFileSync(pki.ec.p12), TEST_PASSWORD);
  for (const objectStreams of [false, true]) {
    const one = Buffer.concat(signPdf({ pdf: await makeFieldsPdf({ objectStreams }), signer }).chunks as Buffer[]);
    files[objectStreams ? 'xref-streams' : 'tables'] = Buffer.concat(signPdf({ pdf: one, signer: ec }).chunks as Buffer[]);
  }
});

/** Numbers a reader sizes things by: /Size /W /Index /Prev /N /First /Length /XRefStm and table counts. */
function numberSpans(pdf: Buffer): Array<[number, number]> {
  const text = pdf.toString('latin1');
  const out: Array<[number, number]> = [];
  for (const m of text.matchAll(/\/(?:Size|W|Index|Prev|N|First|Length|XRefStm|Count)\b\s*\[?([\d\s.-]+)/g)) {
    const start = m.index! + m[0].length - m[1]!.length;
    for (const n of m[1]!.matchAll(/-?\d+/g)) out.push([start + n.index!, start + n.index! + n[0].length]);
  }
  for (const m of text.matchAll(/xref\s+(\d+) (\d+)/g)) {
    const at = m.index! + m[0].length - m[2]!.length;
    out.push([at, at + m[2]!.length]);
  }
  return out;
}

const HOSTILE_NUMBERS = ['0', '-1', '1', '7', '255', '65536', '1000000000', '2147483648', '9007199254740993', `1${'0'.repeat(400)}`, '-1000000000', '3.5'];

type Damage = { kind: 'flip'; at: number; mask: number } | { kind: 'cut'; at: number } | { kind: 'number'; which: number; value: string };

function apply(pdf: Buffer, d: Damage): { bytes: Buffer } {
  if (d.kind === 'flip') {
    const out = Buffer.from(pdf);
    const at = d.at % pdf.length;
    out[at] = out[at]! ^ d.mask;
    return { bytes: out };
  }
  if (d.kind === 'cut') {
    const at = d.at % pdf.length;
    return { bytes: pdf.subarray(0, at) };
  }
  const spans = numberSpans(pdf);
  const [s, e] = spans[d.which % spans.length]!;
  return { bytes: Buffer.concat([pdf.subarray(0, s), Buffer.from(d.value, 'latin1'), pdf.subarray(e)]) };
}

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('number' as const), which: fc.nat(), value: fc.constantFrom(...HOSTILE_NUMBERS) }),
);

describe('random damage to signed files (fast-check)', () => {
  for (const label of ['tables', 'xref-streams']) {
    it(`${label}: never a crash, never slow, never « valide » with a signed byte changed`, () => {
      const pdf = files[label]!;
      const ranges = byteRanges(pdf);
      expect(verifyPdf(pdf, { trustAnchors: anchors }).verdict).toBe('valid');
      let slowest = 0;
      fc.assert(
        fc.property(damage, (d) => {
          const { bytes } = apply(pdf, d);
          const t = performance.now();
          try {
            const r = verifyPdf(bytes, { trustAnchors: anchors });
            // A signature whose signed bytes changed is never valid (nor is the document).
            ranges.forEach(([, a, b, c], i) => {
              const same = bytes.length >= b! + c! && bytes.subarray(0, a).equals(pdf.subarray(0, a)) && bytes.subarray(b, b! + c!).equals(pdf.subarray(b, b! + c!));
              if (!same) {
                expect(r.verdict).not.toBe('valid');
                if (r.signatures[i]) expect(r.signatures[i]!.status).not.toBe('valid');
              }
            });
          } catch (e) {
            expect(e, String(e)).toBeInstanceOf(UserError);
          }
          try {
            signPdf({ pdf: bytes, signer });
          } catch (e) {
            expect(e, `signer: ${String(e)}`).toBeInstanceOf(UserError);
          }
          slowest = Math.max(slowest, performance.now() - t);
        }),
        { numRuns: 400 },
      );
      expect(slowest).toBeLessThan(2000);
      expect(process.memoryUsage().rss / 1024 / 1024).toBeLessThan(500);
    });
  }
});
