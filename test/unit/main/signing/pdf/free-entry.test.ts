/**
 * A free cross-reference entry reads as undefined every time, whatever was read before: the
 * object cache used to store it as null, so that the second read (or any read after the
 * reverse references were built) said null, and changes.ts took a new object at a freed
 * number for a modified one, depending on the order in which it read the two states.
 */
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../main/signing/pdf/file';
import { dict, PdfString } from '../../../../../main/signing/pdf/objects';
import { analyzeUpdate, RevisionState } from '../../../../../main/signing/verify/changes';
import { appendClassic } from '../../../../helpers/signing/hand-update';
import { makeFieldsPdf } from '../../../../helpers/signing/make-pdf';

describe('PdfFile.get on a free entry', () => {
  it('is undefined on the first read and on every later one; an object written as null stays null', async () => {
    const blank = await makeFieldsPdf();
    const n = PdfFile.open(blank).size();
    const pdf = appendClassic(blank, [[n + 1, null]], [n], { Size: n + 2 });
    const file = PdfFile.open(pdf);
    expect(file.entries.get(n)?.type).toBe('free');
    expect(file.get(n)).toBeUndefined();
    expect(file.get(n)).toBeUndefined();
    expect(file.resolve(file.get(n))).toBeUndefined();
    expect(file.get(n + 1)).toBeNull();
    expect(file.get(n + 1)).toBeNull();
    // An object number no section lists: undefined too, twice.
    expect(file.get(n + 50)).toBeUndefined();
    expect(file.get(n + 50)).toBeUndefined();
  });

  it('analyzeUpdate judges new objects at freed numbers the same whatever was read first', async () => {
    const blank = await makeFieldsPdf();
    const n = PdfFile.open(blank).size();
    // Two numbers freed, then written again as new dictionaries nothing refers to.
    const freed = appendClassic(blank, [], [n, n + 1], { Size: n + 2 });
    const reused = appendClassic(freed, [[n, dict({ Title: PdfString.fromText('a') })], [n + 1, dict({ Title: PdfString.fromText('b') })]]);
    const judge = (prepare: (before: RevisionState, after: RevisionState) => void) => {
      const before = new RevisionState(PdfFile.open(freed));
      const after = new RevisionState(PdfFile.open(reused));
      prepare(before, after);
      return analyzeUpdate(before, after, { signedHere: new Set() });
    };
    const fresh = judge(() => {});
    // New objects nothing points at show nothing: neither allowed nor refused.
    expect(fresh.disallowed).toEqual([]);
    expect(fresh.allowed).toEqual([]);
    // The same after the freed numbers were read once, or after the reverse references of
    // the signed side were built (which reads every listed number, free ones included).
    expect(judge((b) => {
      b.file.get(n);
      b.file.get(n + 1);
    })).toEqual(fresh);
    expect(judge((b, a) => {
      b.referrersOf(0);
      a.referrersOf(0);
    })).toEqual(fresh);
  });
});
