/**
 * A signature field whose widget is a separate object (a kid of the field, linked back by
 * /Parent), as other tools write them: the signer draws its stamp into that widget, the
 * verifier accepts that in the signing update and refuses any later change of the widget
 * (its appearance, its box, its flags) as a change to an already-signed field.
 */
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12 } from '../../../main/signing/crypto/pkcs12';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { dict, name, PdfDict, PdfRef, PdfStream } from '../../../main/signing/pdf/objects';
import { appendUpdate } from '../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { signField } from '../../helpers/signing/hand-update';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let signed: Buffer;
let fieldNum: number;
let widgetNum: number;

/** One page, `n` signature fields, each with its widget as its only kid. */
async function kidWidgetPdf(n = 1): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Convention : montant de 12 000 EUR', { x: 50, y: 780, size: 14, font });
  const fields = Array.from({ length: n }, (_, i) => {
    const fieldRef = doc.context.nextRef();
    const x = 40 + i * 180;
    const widget = doc.context.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [x, 60, x + 170, 130], P: page.ref, F: 4, Parent: fieldRef });
    const widgetRef = doc.context.register(widget);
    doc.context.assign(fieldRef, doc.context.obj({ FT: 'Sig', T: PDFString.of(`signature-${i + 1}`), Kids: [widgetRef] }));
    page.node.addAnnot(widgetRef);
    return fieldRef;
  });
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: fields }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

beforeAll(async () => {
  pki = makeTestPki();
  const blank = await kidWidgetPdf();
  const [field] = findSignatureFields(PdfFile.open(blank));
  fieldNum = field!.ref.num;
  widgetNum = field!.widget.ref.num;
  expect(widgetNum).not.toBe(fieldNum);
  signed = signWith(blank, pki.rsa, { certify: false });
});

const widgetOf = (pdf: Buffer) => (PdfFile.open(pdf).get(widgetNum) as PdfDict).clone();

describe('a signed field whose widget is a separate object', () => {
  it('control: signed, the stamp drawn into the widget in the signing update: valid', () => {
    const r = verifyTrusting(pki, signed);
    expect(r.verdict, JSON.stringify(r.signatures[0]?.problems)).toBe('valid');
    expect(widgetOf(signed).get('AP')).toBeInstanceOf(PdfDict);
    // The field itself holds /V; the widget holds no /V of its own.
    expect(PdfFile.open(signed).dict(new PdfRef(fieldNum, 0))?.get('V')).toBeInstanceOf(PdfRef);
    expect(widgetOf(signed).get('V')).toBeUndefined();
  });

  it('its appearance replaced after signing: modified, « déjà signé » naming the widget and /AP', () => {
    const n = PdfFile.open(signed).size();
    const evil = new PdfStream(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 170, 70] }), Buffer.from('BT /F1 12 Tf 5 30 Td (Annule) Tj ET'));
    const pdf = appendUpdate(signed, [[n, evil], [widgetNum, widgetOf(signed).set('AP', dict({ N: new PdfRef(n, 0) }))]]);
    const r = verifyTrusting(pki, pdf);
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(new RegExp(`champ de signature « signature-1 » \\(objet ${widgetNum}\\) déjà signé, modifié : /AP`));
  });

  it('its box moved over the page text after signing: modified, naming /Rect', () => {
    const pdf = appendUpdate(signed, [[widgetNum, widgetOf(signed).set('Rect', [40, 700, 560, 800])]]);
    const r = verifyTrusting(pki, pdf);
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(new RegExp(`\\(objet ${widgetNum}\\) déjà signé, modifié : /Rect`));
  });

  it('its appearance and box both changed after signing: modified, naming both keys', () => {
    const pdf = appendUpdate(signed, [[widgetNum, widgetOf(signed).set('AP', dict({ N: new PdfRef(1, 0) })).set('Rect', [40, 700, 560, 800])]]);
    const r = verifyTrusting(pki, pdf);
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(new RegExp(`\\(objet ${widgetNum}\\) déjà signé, modifié : /(AP, /Rect|Rect, /AP)`));
  });

  it('only its flags changed (hidden) after signing: modified as well', () => {
    const pdf = appendUpdate(signed, [[widgetNum, widgetOf(signed).set('F', 6)]]);
    const r = verifyTrusting(pki, pdf);
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(new RegExp(`\\(objet ${widgetNum}\\) déjà signé, modifié : /F`));
  });
});


describe('the widget of a second field, in the update that signs that field', () => {
  /** Two kid-widget fields, the first signed; the second field's and widget's numbers. */
  async function firstSigned() {
    const blank = await kidWidgetPdf(2);
    const pdf = signWith(blank, pki.rsa, { certify: false });
    const second = findSignatureFields(PdfFile.open(pdf)).find((f) => f.name === 'signature-2')!;
    expect(second.value).toBeUndefined();
    return { pdf, field: second.ref.num, widget: second.widget.ref.num };
  }
  const signer = () => openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);

  it('control: its stamp (/AP) drawn into the widget by a genuine signature: valid, « rempli par sa signature »', async () => {
    const { pdf, field, widget } = await firstSigned();
    const stamp = new PdfStream(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 170, 70] }), Buffer.from('0 0 1 rg 0 0 170 70 re f'));
    const out = signField(pdf, signer(), {
      field,
      extra: (sigNum) => [[sigNum + 1, stamp], [widget, (PdfFile.open(pdf).get(widget) as PdfDict).clone().set('AP', dict({ N: new PdfRef(sigNum + 1, 0) }))]],
    });
    const r = verifyTrusting(pki, out);
    expect(r.signatures.map((s) => s.status), JSON.stringify(r.signatures.map((s) => s.changesDisallowed))).toEqual(['valid', 'valid']);
    expect(r.signatures[0]!.changesAllowed.join(' | ')).toMatch(new RegExp(`champ de signature « signature-2 » rempli par sa signature \\(objet ${widget}\\)`));
  });

  it('the widget given a /V of its own in that update: modified for the first signature, naming the widget and /V', async () => {
    const { pdf, field, widget } = await firstSigned();
    const out = signField(pdf, signer(), { field, extra: (sigNum) => [[widget, (PdfFile.open(pdf).get(widget) as PdfDict).clone().set('V', new PdfRef(sigNum, 0))]] });
    const r = verifyTrusting(pki, out);
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(new RegExp(`champ de signature « signature-2 » \\(objet ${widget}\\) : /V modifié`));
  });

  it('its flags (/F) set in that update by a genuine signature: valid as well', async () => {
    const { pdf, field, widget } = await firstSigned();
    const out = signField(pdf, signer(), { field, extra: () => [[widget, (PdfFile.open(pdf).get(widget) as PdfDict).clone().set('F', 132)]] });
    const r = verifyTrusting(pki, out);
    expect(r.signatures.map((s) => s.status), JSON.stringify(r.signatures.map((s) => s.changesDisallowed))).toEqual(['valid', 'valid']);
  });

  it('the empty field’s widget given a new look and a new box without a signature: modified, naming both keys', async () => {
    const { pdf, widget } = await firstSigned();
    const w = (PdfFile.open(pdf).get(widget) as PdfDict).clone().set('AP', dict({ N: new PdfRef(1, 0) })).set('Rect', [0, 0, 595, 842]);
    const r = verifyTrusting(pki, appendUpdate(pdf, [[widget, w]]));
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(new RegExp(`champ de signature « signature-2 » \\(objet ${widget}\\) : /(AP, /Rect|Rect, /AP) modifié`));
  });

  it('a merged field (field and widget one object) signed with its flags set in the same update: valid', async () => {
    const blank = await makeFieldsPdf();
    const first = signWith(blank, pki.rsa, { certify: false });
    const f2 = findSignatureFields(PdfFile.open(first)).find((f) => f.name === 'signature-2')!;
    expect(f2.widget.ref.num).toBe(f2.ref.num);
    const out = signField(first, signer(), { field: f2.ref.num, edit: (d) => d.set('F', 132) });
    const r = verifyTrusting(pki, out);
    expect(r.signatures.map((s) => s.status), JSON.stringify(r.signatures.map((s) => s.changesDisallowed))).toEqual(['valid', 'valid']);
  });
});
