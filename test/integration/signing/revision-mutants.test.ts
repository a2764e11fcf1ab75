/**
 * The rule that a signature belongs to the revision it signs (verify-pdf.ts, checkSignature),
 * each condition shown by a file that only it refuses: the signature dictionary rewritten
 * later at its own number (even byte for byte the same, which the change analysis cannot
 * see), a field re-pointed to another field's genuine signature, and a broken signature that
 * claims no revision at all. Files signed at test time, updates appended by the project's writer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { PdfDict, PdfRef } from '../../../main/signing/pdf/objects';
import { appendUpdate, pageContentNum } from '../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let one: Buffer;
let two: Buffer;

const NOT_IN_REVISION = 'Le dictionnaire de signature ne fait pas partie de la révision qu’il signe.';
const FIELD_ELSEWHERE = 'Le champ de signature ne désigne pas cette signature dans la révision signée.';

beforeAll(async () => {
  pki = makeTestPki();
  one = signWith(await makeFieldsPdf(), pki.rsa, { certify: false });
  two = signWith(one, pki.ec);
  expect(verifyTrusting(pki, two).verdict).toBe('valid');
});

const fieldsOf = (pdf: Buffer) => findSignatureFields(PdfFile.open(pdf));

describe('a signature dictionary is part of the revision it signs', () => {
  it('rewritten byte for byte the same in a later update: the change analysis sees nothing, this rule refuses it', () => {
    const f = fieldsOf(one)[0]!;
    const sigNum = (f.value as PdfRef).num;
    const same = PdfFile.open(one).get(sigNum) as PdfDict;
    const pdf = appendUpdate(one, [[sigNum, same]]);
    const r = verifyTrusting(pki, pdf);
    expect(r.verdict).not.toBe('valid');
    const listed = r.signatures.filter((s) => s.field === 'signature-1');
    // The signature as the signed revision holds it is refused by this rule; the rewritten copy
    // (its /Contents now elsewhere) by the gap rule.
    expect(listed.map((s) => s.status)).toEqual(['invalid', 'invalid']);
    expect(listed.filter((s) => s.problems.includes(NOT_IN_REVISION))).toHaveLength(1);
  });
});

describe('a field names, in the signed revision, the signature it shows', () => {
  it('field 1 re-pointed to field 2’s genuine signature: that entry is invalid, said as such', () => {
    const [f1, f2] = fieldsOf(two);
    const repointed = f1!.dict.clone().set('V', f2!.value!);
    const pdf = appendUpdate(two, [[f1!.ref.num, repointed]]);
    const r = verifyTrusting(pki, pdf);
    expect(r.verdict).not.toBe('valid');
    const shown = r.signatures.filter((s) => s.field === 'signature-1' && s.problems.includes(FIELD_ELSEWHERE));
    expect(shown, JSON.stringify(r.signatures.map((s) => [s.field, s.status, s.problems]))).toHaveLength(1);
    expect(shown[0]!.status).toBe('invalid');
  });
});

describe('a broken signature claims no revision', () => {
  it('a flipped byte in the signed page content: invalid, no revision nor coverage given', () => {
    const n = pageContentNum(one);
    const e = PdfFile.open(one).entries.get(n);
    if (e?.type !== 'offset') throw new Error('contenu de page compressé');
    const pdf = Buffer.from(one);
    const at = pdf.indexOf('stream', e.offset) + 'stream'.length + 5;
    pdf[at] = pdf[at]! ^ 0x01;
    const s = verifyTrusting(pki, pdf).signatures[0]!;
    expect(s.status).toBe('invalid');
    expect(s.integrity).toBe(false);
    expect([s.revision, s.coverage]).toEqual([undefined, undefined]);
    // The intact file gives both.
    const ok = verifyTrusting(pki, one).signatures[0]!;
    expect([ok.revision, typeof ok.coverage]).toEqual([2, 'string']);
  });
});

describe('a later signature, as the earlier one sees it', () => {
  it('its new signature dictionary is named « signature ultérieure », not a document timestamp', () => {
    const sig2 = (fieldsOf(two)[1]!.value as PdfRef).num;
    const allowed = verifyTrusting(pki, two).signatures[0]!.changesAllowed.join(' | ');
    expect(allowed).toContain(`signature ultérieure (objet ${sig2})`);
    expect(allowed).not.toMatch(/horodatage/);
  });
});
