/**
 * Two conditions of changes.ts the mutation run (issue 17) left unguarded: the walk up a
 * /Parent chain is bounded (a cycle prepared before signing must not hang the verifier), and
 * an object is skipped as a container only when it was one and still is one of the same kind
 * (a page's content turned into a stream typed /ObjStm is still drawn by readers).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfFile } from '../../../main/signing/pdf/file';
import { dict, name, PdfRef, PdfStream } from '../../../main/signing/pdf/objects';
import { appendUpdate, pageContentNum } from '../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let signed: Buffer;
/** Two dictionaries of the signed revision whose /Parent entries point at each other. */
let cycle: number;

beforeAll(async () => {
  pki = makeTestPki();
  const blank = await makeFieldsPdf();
  cycle = PdfFile.open(blank).size();
  const prepared = appendUpdate(blank, [[cycle, dict({ Parent: new PdfRef(cycle + 1, 0), X: 1 })], [cycle + 1, dict({ Parent: new PdfRef(cycle, 0) })]]);
  signed = signWith(prepared, pki.rsa);
  expect(verifyTrusting(pki, signed).verdict).toBe('valid');
});

describe('changes after a signature', () => {
  it('a dictionary in a /Parent cycle changed: answered at once, « modifié », no signature field found in the loop', () => {
    const started = Date.now();
    const r = verifyTrusting(pki, appendUpdate(signed, [[cycle, dict({ Parent: new PdfRef(cycle + 1, 0), X: 2 })]]));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed).toEqual([`révision 4 : objet ${cycle} modifié`]);
  });

  it('the page content turned into a stream typed /ObjStm: modified, naming the page content', () => {
    const n = pageContentNum(signed);
    const evil = new PdfStream(dict({ Type: name('ObjStm'), N: 0, First: 0 }), Buffer.from('BT /F1 30 Tf 60 600 Td (Montant : 9 999 999 EUR) Tj ET'));
    const r = verifyTrusting(pki, appendUpdate(signed, [[n, evil]]));
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toContain(`objet ${n} (contenu de la page 1) modifié`);
  });
});
