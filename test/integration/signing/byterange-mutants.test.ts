/**
 * The structural checks of a signature dictionary (verify-pdf.ts, locate), each shown by the
 * very finding it must give, so that a mutant that lets a later check catch the file instead
 * (with another message) is caught too: /ByteRange's form, its bounds (from the start, inside
 * the file, increasing), the unsigned gap equal to /Contents at both ends, and /Contents
 * written as plain hexadecimal. Each file is a genuine signed file whose /ByteRange or
 * /Contents was then rewritten in place (same length), as an attacker would.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../../main/signing/verify/verify-pdf';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let signed: Buffer;
/** The genuine /ByteRange of `signed`. */
let range: [number, number, number, number];

const MALFORMED = '/ByteRange absent ou mal formé (quatre entiers attendus, écrits directement).';
const OUT_OF_FILE = /^\/ByteRange \[[^\]]*\] ne couvre pas le fichier depuis son début, ou sort du fichier, ou se chevauche\.$/;
const GAP = 'La zone non signée de /ByteRange ne correspond pas exactement à /Contents (signature déplacée ou enveloppée).';
const NOT_HEX = 'La zone non signée contient autre chose que la valeur hexadécimale de /Contents.';

/** `signed` with its /ByteRange array's inside replaced by `inside` (padded to the same length). */
function withByteRange(inside: string): Buffer {
  const text = signed.toString('latin1');
  const start = text.lastIndexOf('/ByteRange [') + '/ByteRange ['.length;
  const end = text.indexOf(']', start);
  if (inside.length > end - start) throw new Error('trop long');
  const out = Buffer.from(signed);
  out.write(inside.padEnd(end - start, ' '), start, 'latin1');
  return out;
}

/** The first signature's problems. */
const problemsOf = (pdf: Buffer): readonly string[] => {
  const r: VerifyReport = verifyTrusting(pki, pdf);
  expect(r.signatures[0]!.status).toBe('invalid');
  return r.signatures[0]!.problems;
};

beforeAll(async () => {
  pki = makeTestPki();
  signed = signWith(await makeFieldsPdf(), pki.rsa);
  const text = signed.toString('latin1');
  const m = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(text.slice(text.lastIndexOf('/ByteRange')))!;
  range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
});

describe('/ByteRange: four non-negative integers written directly', () => {
  it('control: the genuine range rewritten as it was is valid', () => {
    const [z, a, b, c] = range;
    expect(b + c).toBe(signed.length);
    expect(verifyTrusting(pki, withByteRange(`${z} ${a} ${b} ${c}`)).verdict).toBe('valid');
  });

  it('three or five entries, a negative or a fractional number, a reference: malformed', () => {
    const [z, a, b, c] = range;
    for (const inside of [`${z} ${a} ${b}`, `${z} ${a} ${b} ${c} 0`, `${z} ${a} ${b} -${c}`, `${z} ${a} ${b} ${c}.5`, `${z} ${a} ${b} 1 0 R`]) {
      expect(problemsOf(withByteRange(inside)), inside).toEqual([MALFORMED]);
    }
  });
});

describe('/ByteRange bounds', () => {
  it('not from the start, from 0 to 0, a gap of nothing or going backwards, one byte past the end: refused as such', () => {
    const [, a, b, c] = range;
    for (const inside of [`1 ${a} ${b} ${c}`, `0 0 ${b} ${c}`, `0 ${a} ${a} ${c}`, `0 ${a} ${a - 1} ${c}`, `0 ${a} ${b} ${c + 1}`]) {
      const p = problemsOf(withByteRange(inside));
      expect(p, inside).toHaveLength(1);
      expect(p[0], inside).toMatch(OUT_OF_FILE);
    }
    expect(problemsOf(withByteRange(`0 ${a} ${b} ${c + 1}`))[0]).toBe(`/ByteRange [0 ${a} ${b} ${c + 1}] ne couvre pas le fichier depuis son début, ou sort du fichier, ou se chevauche.`);
  });
});

describe('/Contents', () => {
  it('absent (its key renamed in place): refused as absent, not as a misplaced gap', () => {
    const text = signed.toString('latin1');
    const at = text.lastIndexOf('/Contents <');
    const pdf = Buffer.from(signed);
    pdf.write('/Contentx', at, 'latin1');
    expect(problemsOf(pdf)).toEqual(['/Contents absent ou n’est pas une chaîne écrite directement.']);
  });
});

describe('the unsigned gap is exactly /Contents', () => {
  it('a gap starting one byte late or early, or ending one byte early or late: refused as such', () => {
    const [, a, b, c] = range;
    for (const inside of [`0 ${a + 1} ${b} ${c}`, `0 ${a - 1} ${b} ${c}`, `0 ${a} ${b - 1} ${c + 1}`, `0 ${a} ${b + 1} ${c - 1}`]) {
      expect(problemsOf(withByteRange(inside)), inside).toEqual([GAP]);
    }
  });

  it('/Contents as a literal string, or hexadecimal with spaces in it: refused as not plain hexadecimal', () => {
    const [, a, b] = range;
    const literal = Buffer.from(signed);
    literal.write('(', a, 'latin1');
    literal.write(')', b - 1, 'latin1');
    expect(problemsOf(literal)).toEqual([NOT_HEX]);
    // Two padding zeros just before the closing > turned into spaces: the same bytes for a reader.
    const spaced = Buffer.from(signed);
    expect(spaced.toString('latin1', b - 3, b)).toBe('00>');
    spaced.write('  ', b - 3, 'latin1');
    expect(problemsOf(spaced)).toEqual([NOT_HEX]);
  });
});
