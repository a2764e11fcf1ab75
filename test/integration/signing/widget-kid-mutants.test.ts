/**
 * A signature field whose widget is a separate object (a kid of the field, linked back by
 * /Parent), as other tools write them: the signer draws its stamp into that widget, the
 * verifier accepts that in the signing update and refuses any later change of the widget
 * (its appearance, its box, its flags) as a change to an already-signed field.
 */
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { dict, name, PdfDict, PdfRef, PdfStream } from '../../../main/signing/pdf/objects';
import { appendUpdate } from '../../helpers/signing/attacks';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let signed: Buffer;
let fieldNum: number;
let widgetNum: number;

/** One page, one signature field whose widget is its only kid. */
async function kidWidgetPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Convention : montant de 12 000 EUR', { x: 50, y: 780, size: 14, font });
  const fieldRef = doc.context.nextRef();
  const widget = doc.context.obj({ Type: 'Annot', Subtype: 'Widget', Rect: [40, 60, 210, 130], P: page.ref, F: 4, Parent: fieldRef });
  const widgetRef = doc.context.register(widget);
  doc.context.assign(fieldRef, doc.context.obj({ FT: 'Sig', T: PDFString.of('signature-1'), Kids: [widgetRef] }));
  page.node.addAnnot(widgetRef);
  doc.catalog.set(PDFName.of('AcroForm'), doc.context.obj({ Fields: [fieldRef] }));
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

  it('only its flags changed (hidden) after signing: modified as well', () => {
    const pdf = appendUpdate(signed, [[widgetNum, widgetOf(signed).set('F', 6)]]);
    const r = verifyTrusting(pki, pdf);
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' | ')).toMatch(new RegExp(`\\(objet ${widgetNum}\\) déjà signé, modifié : /F`));
  });
});

