/**
 * A field already signed, signed again later (its /V re-pointed to a new signature, or its
 * signature object rewritten at its own number), with or without the page rewritten in the
 * same update: the first signature must stay in the report, « modifié », never vanish behind
 * a new one that covers the whole file and reads « valide ».
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, type OpenedIdentity } from '../../../main/signing/crypto/pkcs12';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { PdfDict, PdfStream } from '../../../main/signing/pdf/objects';
import { pageContentNum } from '../../helpers/signing/attacks';
import { signField } from '../../helpers/signing/hand-update';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let ec: OpenedIdentity;
let signed: { certified: Buffer; approval: Buffer };

beforeAll(async () => {
  pki = makeTestPki();
  ec = openPkcs12(readFileSync(pki.ec.p12), TEST_PASSWORD);
  const blank = await makeFieldsPdf();
  signed = { certified: signWith(blank, pki.rsa), approval: signWith(blank, pki.rsa, { certify: false }) };
}, 60_000);

const field1 = (pdf: Buffer) => findSignatureFields(PdfFile.open(pdf)).find((f) => f.order === 1)!.ref.num;
const EVIL = 'BT /F1 30 Tf 60 600 Td (Montant : 9 999 999 EUR) Tj ET';

describe.each(['certified', 'approval'] as const)('field 1 of a %s file, signed again by another signer', (kind) => {
  it('the first signature is still listed, « modifié », naming its field re-signed; the file is never « valide »', () => {
    const pdf = signField(signed[kind], ec, { field: field1(signed[kind]) });
    const r = verifyTrusting(pki, pdf);
    expect(r.signatures.map((s) => s.signer?.commonName)).toHaveLength(2);
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(/« signature-1 ».*déjà signé/);
    expect(r.verdict).not.toBe('valid');
  });

  it('with the page rewritten in the same update: still « modifié », the page named', () => {
    const original = signed[kind];
    const content = pageContentNum(original, 1);
    const pdf = signField(original, ec, { field: field1(original), extra: () => [[content, new PdfStream(new PdfDict(), Buffer.from(EVIL))]] });
    const r = verifyTrusting(pki, pdf);
    expect(r.signatures.length).toBe(2);
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.verdict).not.toBe('valid');
  });

  it('its signature object rewritten at its own number by the new signature: the first is still listed, « modifié »', () => {
    const original = signed[kind];
    const v = (PdfFile.open(original).get(field1(original)) as PdfDict).get('V') as { num: number };
    const pdf = signField(original, ec, { field: field1(original), sigNum: v.num, extra: () => [[pageContentNum(original, 1), new PdfStream(new PdfDict(), Buffer.from(EVIL))]] });
    const r = verifyTrusting(pki, pdf);
    expect(r.signatures.length).toBe(2);
    expect(r.signatures[0]!.status).not.toBe('valid');
    expect(r.verdict).not.toBe('valid');
  });
});
