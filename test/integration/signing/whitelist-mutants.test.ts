/**
 * One test per condition of the whitelist (main/signing/verify/changes.ts) that the mutation
 * run of issue 17 could negate, remove or turn from && into || with every other test still
 * passing: the /Info, XMP /Metadata and /DSS rows, new signature dictionaries, new fields
 * under each certification level, the AcroForm, filled fields, document timestamps, object
 * streams rewritten in place. Each file is real (made and signed at test time, the update
 * written by the project's writer or by hand) and is accepted or refused because of exactly
 * that condition; each verdict is asserted with the French finding that names the object.
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPkcs12, type OpenedIdentity } from '../../../main/signing/crypto/pkcs12';
import { addDocumentTimestamp } from '../../../main/signing/ltv/document-timestamp';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { dict, name, PdfDict, PdfRef, PdfStream, PdfString, type PdfValue } from '../../../main/signing/pdf/objects';
import { analyzeUpdate, RevisionState } from '../../../main/signing/verify/changes';
import type { VerifyReport } from '../../../main/signing/verify/verify-pdf';
import { appendUpdate, appendUpdateWithTrailer, pageContentNum } from '../../helpers/signing/attacks';
import { appendClassic, objectStreamOf, rewriteObjectStream, signField } from '../../helpers/signing/hand-update';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { signWith, verifyTrusting } from '../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';

let pki: TestPki;
let rsa: OpenedIdentity;
/** Three empty fields, an XMP stream, a /DSS and an orphan dictionary, none signed yet. */
let base: Buffer;
/** `base` signed by the first signatory: certified, P=2. */
let one: Buffer;
/** `base` signed by the first signatory without certification. */
let approval: Buffer;
/** Object numbers of `base`'s additions. */
let nums: { xmp: number; dss: number; cert: number; orphan: number; info: number; root: number };

const EVIL = 'BT /F1 30 Tf 60 600 Td (Montant : 9 999 999 EUR) Tj ET';
const xmp = (text = '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>') => new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(text));
const report = (pdf: Buffer): VerifyReport => verifyTrusting(pki, pdf);
const disallowed = (r: VerifyReport, i = 0) => r.signatures[i]!.changesDisallowed.join(' | ');
const allowed = (r: VerifyReport, i = 0) => r.signatures[i]!.changesAllowed.join(' | ');
const catalogOf = (pdf: Buffer) => PdfFile.open(pdf).catalog()!.clone();
const sizeOf = (pdf: Buffer) => PdfFile.open(pdf).size();
const ref = (n: number) => new PdfRef(n, 0);

/** The object holding the AcroForm (its own object, or the catalog when inline), edited. */
function editAcroForm(pdf: Buffer, edit: (acro: PdfDict) => PdfDict): [number, PdfDict] {
  const file = PdfFile.open(pdf);
  const cat = file.catalog()!.clone();
  const a = cat.get('AcroForm');
  if (a instanceof PdfRef) return [a.num, edit(file.dict(a)!.clone())];
  return [nums.root, cat.set('AcroForm', edit((a as PdfDict).clone()))];
}

/** Expects the first signature valid, its later changes naming `text`. */
function expectValid(pdf: Buffer, text?: RegExp): VerifyReport {
  const r = report(pdf);
  expect(r.signatures[0]!.status, disallowed(r)).toBe('valid');
  if (text) expect(allowed(r)).toMatch(text);
  return r;
}

/** Expects the first signature « modifié » with a finding matching `text`. */
function expectModified(pdf: Buffer, text: RegExp): VerifyReport {
  const r = report(pdf);
  expect(r.signatures[0]!.status, JSON.stringify(r.signatures[0]!.problems)).toBe('modified');
  expect(disallowed(r)).toMatch(text);
  return r;
}

beforeAll(async () => {
  pki = makeTestPki();
  rsa = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
  const blank = await makeFieldsPdf();
  const file = PdfFile.open(blank);
  const root = (file.trailer.get('Root') as PdfRef).num;
  const info = (file.trailer.get('Info') as PdfRef).num;
  const n = file.size();
  nums = { xmp: n, dss: n + 1, cert: n + 2, orphan: n + 3, info, root };
  base = appendUpdate(blank, [
    [nums.xmp, xmp()],
    [nums.cert, new PdfStream(new PdfDict(), readFileSync(pki.caPem))],
    [nums.dss, dict({ Type: name('DSS'), Certs: [ref(nums.cert)] })],
    [nums.orphan, dict({ Type: name('DSS') })],
    [root, file.catalog()!.clone().set('Metadata', ref(nums.xmp)).set('DSS', ref(nums.dss))],
  ]);
  one = signWith(base, pki.rsa);
  approval = signWith(base, pki.rsa, { certify: false });
  expect(report(one).verdict).toBe('valid');
  expect(report(approval).verdict).toBe('valid');
});

describe('trailer /Info (rule 1 and the same-object row)', () => {
  it('re-pointed to a new stream nothing else uses: modified, « pas un simple dictionnaire »', () => {
    const n = sizeOf(one);
    const pdf = appendUpdateWithTrailer(one, [[n, new PdfStream(new PdfDict(), Buffer.from('Titre'))]], { Info: ref(n) });
    expectModified(pdf, new RegExp(`métadonnées \\(Info\\) redirigées vers un objet ${n} qui n’est pas un simple dictionnaire de métadonnées`));
  });

  it('re-pointed to a new dictionary that another new object also uses: modified', () => {
    const n = sizeOf(one);
    const pdf = appendUpdateWithTrailer(one, [[n, dict({ Title: PdfString.fromText('Titre') })], [n + 1, dict({ Autre: ref(n) })]], { Info: ref(n) });
    expectModified(pdf, new RegExp(`redirigées vers un objet ${n} qui n’est pas un simple dictionnaire`));
  });

  it('re-pointed to a number that was free in the signed revision, now a plain dictionary: allowed by rule 1', () => {
    const n = sizeOf(base);
    const freed = appendClassic(base, [], [n], { Size: n + 1 });
    const signed = signWith(freed, pki.rsa);
    expect(PdfFile.open(signed).entries.get(n)?.type).toBe('free');
    const at = sizeOf(signed);
    expect(at).toBeGreaterThan(n);
    const pdf = appendUpdateWithTrailer(signed, [[n, dict({ Title: PdfString.fromText('Convention archivée') })]], { Info: ref(n) });
    // Rule 1 takes the free number for a new object, and so does the object-by-object pass
    // (a free entry reads as undefined however often it is read): valid.
    const r = expectValid(pdf, /métadonnées du document \(Info\)/);
    expect(r.signatures[0]!.changesDisallowed).toEqual([]);
  });

  it('removed from the trailer: valid (nothing is shown)', () => {
    const pdf = appendClassic(one, [], [], { Info: null });
    expect(PdfFile.open(pdf).trailer.get('Info')).toBeNull();
    const r = expectValid(pdf);
    expect(r.signatures[0]!.changesDisallowed).toEqual([]);
  });

  it('the same Info object turned into a stream: modified, « n’est pas un dictionnaire »', () => {
    const pdf = appendUpdate(one, [[nums.info, new PdfStream(new PdfDict(), Buffer.from(EVIL))]]);
    expectModified(pdf, new RegExp(`objet ${nums.info} : désigné comme métadonnées \\(Info\\) mais n’est pas un dictionnaire, modifié`));
  });

  it('an Info that was an orphan stream when signed, made a dictionary later: modified', () => {
    const n = sizeOf(base);
    const prepared = appendUpdateWithTrailer(base, [[n, new PdfStream(new PdfDict(), Buffer.from('Titre'))]], { Info: ref(n) });
    const signed = signWith(prepared, pki.rsa);
    expect(report(signed).verdict).toBe('valid');
    const pdf = appendUpdate(signed, [[n, dict({ Title: PdfString.fromText('Titre') })]]);
    expectModified(pdf, new RegExp(`objet ${n} : désigné comme métadonnées \\(Info\\)`));
  });

  it('an Info that is a FreeText annotation of page 1 when signed: rewriting its text is modified', () => {
    const file = PdfFile.open(base);
    const page = file.pages()[0]!;
    const n = file.size();
    const annots = file.resolve(page.dict.get('Annots')) as PdfRef[];
    const note = dict({ Type: name('Annot'), Subtype: name('FreeText'), Rect: [50, 600, 500, 650], Contents: PdfString.fromText('100 EUR'), DA: PdfString.fromText('/Helv 24 Tf 0 g') });
    const prepared = appendUpdateWithTrailer(base, [[n, note], [page.ref.num, page.dict.clone().set('Annots', [...annots, ref(n)])]], { Info: ref(n) });
    const signed = signWith(prepared, pki.rsa);
    expect(report(signed).verdict).toBe('valid');
    const pdf = appendUpdate(signed, [[n, note.clone().set('Contents', PdfString.fromText('9 999 999 EUR'))]]);
    expectModified(pdf, new RegExp(`objet ${n} \\(annotation de la page 1\\) : désigné comme métadonnées \\(Info\\) mais utilisé ailleurs dans le document, modifié`));
  });

  it('re-pointed to a new dictionary while the old Info object changes too: the old one is modified', () => {
    const n = sizeOf(one);
    const old = (PdfFile.open(one).get(nums.info) as PdfDict).clone().set('Title', PdfString.fromText('autre'));
    const pdf = appendUpdateWithTrailer(one, [[n, dict({ Title: PdfString.fromText('Titre') })], [nums.info, old]], { Info: ref(n) });
    const r = expectModified(pdf, new RegExp(`objet ${nums.info} modifié`));
    expect(allowed(r)).toMatch(/métadonnées du document \(Info\)/);
  });
});

describe('catalog /Metadata (XMP)', () => {
  const repoint = (pdf: Buffer, value: PdfValue) => {
    const n = sizeOf(pdf);
    return { n, pdf: appendUpdate(pdf, [[n, value], [nums.root, catalogOf(pdf).set('Metadata', ref(n))]]) };
  };

  it.each([
    ['a stream without /Subtype /XML', new PdfStream(dict({ Type: name('Metadata') }), Buffer.from('<x/>'))],
    ['a stream without /Type /Metadata', new PdfStream(dict({ Subtype: name('XML') }), Buffer.from('<x/>'))],
    ['a dictionary, not a stream', dict({ Type: name('Metadata'), Subtype: name('XML') })],
  ])('re-pointed to a new object that is %s: modified', (_, value) => {
    const { n, pdf } = repoint(one, value);
    expectModified(pdf, new RegExp(`métadonnées XMP redirigées vers un objet ${n} qui n’est pas un flux de métadonnées XML`));
  });

  it('re-pointed to a new XMP stream: valid (control of the three above)', () => {
    expectValid(repoint(one, xmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- v2 --></x:xmpmeta>')).pdf, /métadonnées XMP du document/);
  });

  it('re-pointed to a new XMP stream that the Info dictionary also names: modified', () => {
    const n = sizeOf(one);
    const info = (PdfFile.open(one).get(nums.info) as PdfDict).clone().set('Flux', ref(n));
    const pdf = appendUpdate(one, [[n, xmp()], [nums.root, catalogOf(one).set('Metadata', ref(n))], [nums.info, info]]);
    expectModified(pdf, new RegExp(`XMP redirigées vers un objet ${n} qui n’est pas un flux de métadonnées XML`));
  });

  it('removed from the catalog: valid, « métadonnées XMP retirées »', () => {
    const cat = catalogOf(one);
    cat.map.delete('Metadata');
    expectValid(appendUpdate(one, [[nums.root, cat]]), /métadonnées XMP retirées/);
  });

  it('re-pointed to a number that was free in the signed revision, now an XMP stream: allowed by the /Metadata rule', () => {
    const n = sizeOf(base);
    const signed = signWith(appendClassic(base, [], [n], { Size: n + 1 }), pki.rsa);
    const pdf = appendUpdate(signed, [[n, xmp()], [nums.root, catalogOf(signed).set('Metadata', ref(n))]]);
    // As for /Info above: the free number is a new object, for the rule and for the object pass.
    const r = expectValid(pdf, /métadonnées XMP du document/);
    expect(r.signatures[0]!.changesDisallowed).toEqual([]);
  });

  it('the same XMP stream rewritten without /Subtype /XML: modified', () => {
    const pdf = appendUpdate(one, [[nums.xmp, new PdfStream(dict({ Type: name('Metadata') }), Buffer.from('<x/>'))]]);
    expectModified(pdf, new RegExp(`objet ${nums.xmp} : désigné comme métadonnées XMP mais n’en est pas un flux réservé, modifié`));
  });

  it('the same XMP stream rewritten as XMP: valid (control)', () => {
    expectValid(appendUpdate(one, [[nums.xmp, xmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- v3 --></x:xmpmeta>')]]), /métadonnées XMP du document/);
  });

  it('a /Metadata that was no XMP stream when signed (no /Subtype), made one later: modified', () => {
    const prepared = appendUpdate(base, [[nums.xmp, new PdfStream(dict({ Type: name('Metadata') }), Buffer.from('<x/>'))]]);
    const signed = signWith(prepared, pki.rsa);
    const pdf = appendUpdate(signed, [[nums.xmp, xmp()]]);
    expectModified(pdf, new RegExp(`objet ${nums.xmp} : désigné comme métadonnées XMP mais n’en est pas un flux réservé`));
  });

  it('an XMP-dressed stream that page 1 also draws when signed: rewriting it is modified', () => {
    const file = PdfFile.open(base);
    const page = file.pages()[0]!;
    const c = page.dict.get('Contents');
    const prepared = appendUpdate(base, [[page.ref.num, page.dict.clone().set('Contents', [...(Array.isArray(c) ? c : [c!]), ref(nums.xmp)])]]);
    const signed = signWith(prepared, pki.rsa);
    expect(report(signed).verdict).toBe('valid');
    const pdf = appendUpdate(signed, [[nums.xmp, new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(EVIL))]]);
    expectModified(pdf, new RegExp(`objet ${nums.xmp} \\(contenu de la page 1\\) : désigné comme métadonnées XMP`));
  });

  it('re-pointed to a new XMP stream while the old one changes too: the old one is modified', () => {
    const n = sizeOf(one);
    const pdf = appendUpdate(one, [[n, xmp()], [nums.root, catalogOf(one).set('Metadata', ref(n))], [nums.xmp, xmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- ancien --></x:xmpmeta>')]]);
    expectModified(pdf, new RegExp(`objet ${nums.xmp} modifié`));
  });
});

describe('/DSS (validation data)', () => {
  it('a new /DSS dictionary and the catalog re-pointed to it: valid, validation data only', () => {
    const n = sizeOf(one);
    const pdf = appendUpdate(one, [[n, dict({ Type: name('DSS'), Certs: [ref(nums.cert)], OCSPs: [], CRLs: [] })], [nums.root, catalogOf(one).set('DSS', ref(n))]]);
    const r = expectValid(pdf, /catalogue : \/DSS \(données de validation\)/);
    expect(r.endsWithValidationData).toBe(true);
  });

  it('the same update also adding /OpenAction to the catalog: modified, no longer validation data only', () => {
    const n = sizeOf(one);
    const pdf = appendUpdate(one, [[n, dict({ Type: name('DSS'), Certs: [ref(nums.cert)] })], [nums.root, catalogOf(one).set('DSS', ref(n)).set('OpenAction', [ref(PdfFile.open(one).pages()[0]!.ref.num), name('Fit')])]]);
    const r = expectModified(pdf, /catalogue : \/OpenAction modifié/);
    expect(r.endsWithValidationData).toBe(false);
  });

  it('the same /DSS object completed with /OCSPs and /VRI: valid, « complétées »', () => {
    const dss = (PdfFile.open(one).get(nums.dss) as PdfDict).clone().set('OCSPs', [ref(nums.cert)]).set('VRI', new PdfDict());
    const r = expectValid(appendUpdate(one, [[nums.dss, dss]]), /données de validation \(\/DSS\) complétées/);
    expect(r.endsWithValidationData).toBe(true);
  });

  it('the same /DSS object gaining another key: modified, naming it', () => {
    const dss = (PdfFile.open(one).get(nums.dss) as PdfDict).clone().set('OpenAction', name('Fit'));
    expectModified(appendUpdate(one, [[nums.dss, dss]]), new RegExp(`objet ${nums.dss} modifié`));
  });

  it('the same /DSS object completed while a new object also refers to it: modified', () => {
    const n = sizeOf(one);
    const dss = (PdfFile.open(one).get(nums.dss) as PdfDict).clone().set('OCSPs', [ref(nums.cert)]);
    expectModified(appendUpdate(one, [[nums.dss, dss], [n, dict({ Autre: ref(nums.dss) })]]), new RegExp(`objet ${nums.dss} modifié`));
  });

  it('the same /DSS object made a stream with the same keys: modified', () => {
    const d = PdfFile.open(one).get(nums.dss) as PdfDict;
    expectModified(appendUpdate(one, [[nums.dss, new PdfStream(d.clone(), Buffer.from(EVIL))]]), new RegExp(`objet ${nums.dss} modifié`));
  });

  it('the catalog re-pointed to a new /DSS while the old one changes: the old one is modified', () => {
    const n = sizeOf(one);
    const old = (PdfFile.open(one).get(nums.dss) as PdfDict).clone().set('OCSPs', [ref(nums.cert)]);
    const pdf = appendUpdate(one, [[n, dict({ Type: name('DSS'), Certs: [ref(nums.cert)] })], [nums.root, catalogOf(one).set('DSS', ref(n))], [nums.dss, old]]);
    expectModified(pdf, new RegExp(`objet ${nums.dss} modifié`));
  });

  it('the catalog re-pointed to an existing orphan dictionary that changes in the same update: modified', () => {
    const orphan = (PdfFile.open(one).get(nums.orphan) as PdfDict).clone().set('Certs', [ref(nums.cert)]);
    const pdf = appendUpdate(one, [[nums.root, catalogOf(one).set('DSS', ref(nums.orphan))], [nums.orphan, orphan]]);
    expectModified(pdf, new RegExp(`objet ${nums.orphan} modifié`));
  });
});

describe('new signature dictionaries (isSigDict)', () => {
  it.each([
    ['/Type /Sig without /ByteRange', dict({ Type: name('Sig'), Filter: name('Adobe.PPKLite'), Contents: new PdfString(Buffer.alloc(8), true) })],
    ['/Type /DocTimeStamp without /ByteRange', dict({ Type: name('DocTimeStamp'), SubFilter: name('ETSI.RFC3161') })],
    ['no /Type, /ByteRange and /Contents', dict({ Filter: name('Adobe.PPKLite'), ByteRange: [0, 10, 20, 30], Contents: new PdfString(Buffer.alloc(8), true) })],
  ])('a new unsigned dictionary with %s: modified, « sans signature valide »', (_, d) => {
    const n = sizeOf(one);
    expectModified(appendUpdate(one, [[n, d]]), new RegExp(`dictionnaire de signature ajouté sans signature valide \\(objet ${n}\\)`));
  });

  it('a new object with /ByteRange but no /Contents, and a new array: not signature dictionaries, valid', () => {
    const n = sizeOf(one);
    const pdf = appendUpdate(one, [[n, dict({ ByteRange: [0, 10, 20, 30] })], [n + 1, [1, 2, 3]]]);
    const r = expectValid(pdf);
    expect(r.signatures[0]!.changesDisallowed).toEqual([]);
  });
});

describe('new fields and DocMDP P (analysis of one update)', () => {
  /** An update adding an empty, invisible signature field (or a text field) to page 1 and /Fields. */
  const addField = (pdf: Buffer, kind: 'Sig' | 'Tx', rect = [0, 0, 0, 0]) => {
    const file = PdfFile.open(pdf);
    const page = file.pages()[0]!;
    const n = file.size();
    const annots = file.resolve(page.dict.get('Annots')) as PdfRef[];
    const out = appendUpdate(pdf, [
      [n, dict({ FT: name(kind), T: PdfString.fromText(`ajout-${kind}`), Type: name('Annot'), Subtype: name('Widget'), Rect: rect, P: page.ref, F: 4 })],
      [page.ref.num, page.dict.clone().set('Annots', [...annots, ref(n)])],
      editAcroForm(pdf, (acro) => acro.set('Fields', [...(file.resolve(acro.get('Fields')) as PdfRef[]), ref(n)])),
    ]);
    return { n, out };
  };
  const judge = (before: Buffer, after: Buffer, certification?: number) =>
    analyzeUpdate(new RevisionState(PdfFile.open(before)), new RevisionState(PdfFile.open(after)), { signedHere: new Set(), certification });

  it('an invisible empty signature field: allowed under P=3 and without certification, refused under P=2', () => {
    const { n, out } = addField(approval, 'Sig');
    expect(judge(approval, out, 3)).toMatchObject({ disallowed: [] });
    expect(judge(approval, out, 3).allowed.join(' ')).toMatch(new RegExp(`nouveau champ de signature invisible \\(objet ${n}\\)`));
    expect(judge(approval, out).disallowed).toEqual([]);
    expect(judge(approval, out, 2).disallowed.join(' ')).toMatch(new RegExp(`nouveau champ de signature \\(objet ${n}\\) alors que la certification n’autorise que le remplissage`));
    // The verifier on the same file, not certified: valid.
    expectValid(out, new RegExp(`nouveau champ de signature invisible \\(objet ${n}\\)`));
  });

  it('a new text field under P=3: refused, « n’est pas un champ de signature »', () => {
    const { n, out } = addField(approval, 'Tx', [50, 700, 250, 720]);
    expect(judge(approval, out, 3).disallowed.join(' ')).toMatch(new RegExp(`liste des champs du formulaire : ajout de l’objet ${n}, qui n’est pas un champ de signature`));
    expectModified(out, new RegExp(`annotations de la page 1 : ajout de l’objet ${n}, qui n’est pas un champ de signature`));
  });

  it('a counter-signature whose new field covers exactly a sixth of its page: valid', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([600, 600]).drawText('Convention', { x: 50, y: 500 });
    const square = Buffer.from(await doc.save({ useObjectStreams: false }));
    const first = signWith(square, pki.rsa);
    const second = signWith(first, pki.ec, { newFieldRect: [0, 0, 600, 100] });
    const r = report(second);
    expect(r.signatures.map((s) => s.status), disallowed(r)).toEqual(['valid', 'valid']);
    expect(allowed(r)).toMatch(/nouveau champ de signature signé dans la même mise à jour/);
    const wider = report(signWith(first, pki.ec, { newFieldRect: [0, 0, 600, 101] }));
    expect(disallowed(wider)).toMatch(/couvre plus d’un sixième de la page/);
  });
});

describe('the AcroForm', () => {
  it('removed from the catalog: modified, « formulaire (AcroForm) supprimé »', () => {
    const cat = catalogOf(one);
    cat.map.delete('AcroForm');
    expectModified(appendUpdate(one, [[nums.root, cat]]), /formulaire \(AcroForm\) supprimé/);
  });

  it('/SigFlags changed: valid; /NeedAppearances added: modified, naming the key', () => {
    const withFlags = (k: string, v: PdfValue) => appendUpdate(one, [editAcroForm(one, (acro) => acro.set(k, v))]);
    expectValid(withFlags('SigFlags', 1), /formulaire : \/SigFlags/);
    expectModified(withFlags('NeedAppearances', true), /formulaire \(AcroForm\) : \/NeedAppearances modifié/);
  });

  describe('in its own object, with its own /Fields and /Annots arrays (not certified)', () => {
    let signed: Buffer;
    let acroNum: number;
    let fieldsNum: number;
    let annotsNum: number;
    beforeAll(() => {
      const file = PdfFile.open(base);
      const page = file.pages()[0]!;
      const n = file.size();
      [acroNum, fieldsNum, annotsNum] = [n, n + 1, n + 2];
      const acro = (file.catalog()!.get('AcroForm') as PdfDict).clone();
      const prepared = appendUpdate(base, [
        [fieldsNum, acro.get('Fields')!],
        [acroNum, acro.set('Fields', ref(fieldsNum))],
        [annotsNum, page.dict.get('Annots')!],
        [page.ref.num, page.dict.clone().set('Annots', ref(annotsNum))],
        [nums.root, file.catalog()!.clone().set('AcroForm', ref(acroNum))],
      ]);
      signed = signWith(prepared, pki.rsa, { certify: false });
      expect(report(signed).verdict).toBe('valid');
    });

    const add = (kind: 'Sig' | 'Tx') => {
      const file = PdfFile.open(signed);
      const n = file.size();
      const page = file.pages()[0]!;
      return {
        n,
        out: appendUpdate(signed, [
          [n, dict({ FT: name(kind), T: PdfString.fromText(`ajout-${kind}`), Type: name('Annot'), Subtype: name('Widget'), Rect: kind === 'Sig' ? [0, 0, 0, 0] : [50, 700, 250, 720], P: page.ref, F: 4 })],
          [fieldsNum, [...(file.get(fieldsNum) as PdfRef[]), ref(n)]],
          [annotsNum, [...(file.get(annotsNum) as PdfRef[]), ref(n)]],
        ]),
      };
    };

    it('both arrays growing with an invisible signature field: valid', () => {
      const { n, out } = add('Sig');
      expectValid(out, new RegExp(`nouveau champ de signature invisible \\(objet ${n}\\)`));
    });

    it('both arrays growing with a text field: modified, each list naming it', () => {
      const { n, out } = add('Tx');
      const r = expectModified(out, new RegExp(`liste des champs du formulaire : ajout de l’objet ${n}, qui n’est pas un champ de signature`));
      expect(disallowed(r)).toMatch(new RegExp(`annotations de la page 1 : ajout de l’objet ${n}, qui n’est pas un champ de signature`));
    });

    it('the AcroForm object made a stream with the same dictionary: modified', () => {
      const d = PdfFile.open(signed).get(acroNum) as PdfDict;
      expectModified(appendUpdate(signed, [[acroNum, new PdfStream(d.clone(), Buffer.from(EVIL))]]), new RegExp(`objet ${acroNum} modifié`));
    });
  });
});

describe('signature fields that existed before the update', () => {
  const fieldNum = (pdf: Buffer, order: number) => findSignatureFields(PdfFile.open(pdf)).find((f) => f.order === order)!.ref.num;

  it('control: field 2 filled by a genuine hand-made signature: valid', () => {
    const pdf = signField(one, rsa, { field: fieldNum(one, 2) });
    const r = report(pdf);
    expect(r.signatures.map((s) => s.status), disallowed(r)).toEqual(['valid', 'valid']);
    expect(allowed(r)).toMatch(/champ de signature « signature-2 » rempli par sa signature/);
  });

  it('field 2 filled by a genuine signature in an update that also moves its box: modified, naming /Rect', () => {
    const f = fieldNum(one, 2);
    const pdf = signField(one, rsa, { field: f, edit: (d) => d.set('Rect', [40, 300, 560, 700]) });
    expectModified(pdf, new RegExp(`champ de signature « signature-2 » \\(objet ${f}\\) : /Rect, /V modifié`));
  });

  it('field 1, already signed, signed again over a later state: modified, « déjà signé »', () => {
    const f = fieldNum(approval, 1);
    const pdf = signField(approval, rsa, { field: f });
    const newSig = (PdfFile.open(pdf).get(f) as PdfDict).get('V') as PdfRef;
    expect(report(pdf).signatures.at(-1)!.integrity).toBe(true);
    // Judged as the verifier judges the update after signature 1 (the new signature verifies).
    // verifyPdf itself lists only the new signature here: reported to the lead.
    const r = analyzeUpdate(new RevisionState(PdfFile.open(approval)), new RevisionState(PdfFile.open(pdf)), { signedHere: new Set([newSig.num]) });
    expect(r.disallowed.join(' | ')).toMatch(new RegExp(`champ de signature « signature-1 » \\(objet ${f}\\) déjà signé, modifié : /V`));
    expect(r.filledFields).toEqual([]);
  });

  // verifyPdf itself now keeps signature 1 in the report, « modifié »: test/integration/signing/re-signed-field.test.ts.

  it('a field whose /V was null when the first signature was made, filled later: valid', () => {
    const f = fieldNum(base, 2);
    const nulled = appendUpdate(base, [[f, (PdfFile.open(base).get(f) as PdfDict).clone().set('V', null)]]);
    const signed = signWith(nulled, pki.rsa);
    const pdf = signField(signed, rsa, { field: f });
    const r = report(pdf);
    expect(r.signatures.map((s) => s.status), disallowed(r)).toEqual(['valid', 'valid']);
    expect(allowed(r)).toMatch(/« signature-2 » rempli par sa signature/);
  });

  it.each([
    ['/MK', (d: PdfDict) => d.set('MK', dict({ BG: [1, 0, 0] }))],
    ['/F', (d: PdfDict) => d.set('F', 6)],
    ['/AS', (d: PdfDict) => d.set('AS', name('On'))],
  ])('an empty field whose %s changes without a signature: « apparence du champ de signature vide »', (_, edit) => {
    const f = fieldNum(one, 3);
    const pdf = appendUpdate(one, [[f, edit((PdfFile.open(one).get(f) as PdfDict).clone())]]);
    expectModified(pdf, new RegExp(`apparence du champ de signature vide « signature-3 » \\(objet ${f}\\) modifiée sans qu’une signature valide le remplisse`));
  });
});

describe('object streams and the xref', () => {
  let packed: Buffer;
  beforeAll(async () => {
    packed = signWith(await makeFieldsPdf({ objectStreams: true }), pki.rsa);
    expect(report(packed).verdict).toBe('valid');
  });

  it('the object stream holding page 1 rewritten in place with the same objects: valid', () => {
    const file = PdfFile.open(packed);
    const { stream, members } = objectStreamOf(file, file.pages()[0]!.ref.num);
    const pdf = appendUpdate(packed, [[stream, rewriteObjectStream(file, members)]]);
    const r = expectValid(pdf);
    expect(r.signatures[0]!.changesDisallowed).toEqual([]);
  });

  it('the same stream rewritten with page 1 rotated (its entry unchanged): modified, naming the page', () => {
    const file = PdfFile.open(packed);
    const page = file.pages()[0]!;
    const { stream, members } = objectStreamOf(file, page.ref.num);
    const pdf = appendUpdate(packed, [[stream, rewriteObjectStream(file, members, new Map([[page.ref.num, page.dict.clone().set('Rotate', 90)]]))]]);
    expect(PdfFile.open(pdf).entries.get(page.ref.num)).toEqual(file.entries.get(page.ref.num));
    expectModified(pdf, new RegExp(`objet ${page.ref.num} \\(page 1\\) : /Rotate modifié`));
  });

  it('an object stream turned into a /Type /XRef stream (its objects re-listed as they were): modified', () => {
    // Cross-reference streams are left out of the reverse references: a container may only
    // be rewritten as a container of its own kind.
    const file = PdfFile.open(packed);
    const { stream, members } = objectStreamOf(file, file.pages()[0]!.ref.num);
    const relisted = members.map((n) => [n, file.get(n)!] as const);
    const xrefLike = new PdfStream(dict({ Type: name('XRef'), Size: file.size(), W: [1, 4, 2], Index: [0, 0] }), Buffer.alloc(0));
    const pdf = appendUpdate(packed, [...relisted, [stream, xrefLike]]);
    expectModified(pdf, new RegExp(`objet ${stream} modifié`));
  });

  it('the page content stream freed by the update: modified, « supprimé »', () => {
    const num = pageContentNum(one);
    expectModified(appendClassic(one, [], [num]), new RegExp(`objet ${num} \\(contenu de la page 1\\) supprimé`));
  });
});

describe('document timestamps (a TSA on 127.0.0.1)', () => {
  let tsa: TestTsa;
  let anchors: X509Certificate[];
  beforeAll(async () => {
    anchors = [new X509Certificate(readFileSync(pki.caPem))];
    tsa = await startTestTsa(pki);
  }, 60_000);
  afterAll(async () => {
    await tsa?.close();
  });
  const stamp = async (pdf: Buffer, alsoWrite?: Map<number, PdfValue>) =>
    Buffer.concat((await addDocumentTimestamp(pdf, { url: tsa.url, timeoutMs: 20_000 }, anchors, { alsoWrite })).chunks);

  it('an invisible document timestamp on a certified document: valid, validation data only', async () => {
    const pdf = await stamp(one);
    const r = report(pdf);
    expect(r.documentTimestamps.map((t) => t.status)).toEqual(['valid']);
    expect(r.signatures[0]!.status, disallowed(r)).toBe('valid');
    expect(allowed(r)).toMatch(/horodatage du document \(objet \d+\)/);
    expect(allowed(r)).toMatch(/horodatage du document ajouté \(objet \d+\)/);
    expect(r.endsWithValidationData).toBe(true);
  }, 30_000);

  it('a document timestamp widget with a frame of 200 × 100 (not flagged hidden): modified', async () => {
    const file = PdfFile.open(one);
    const page = file.pages()[0]!;
    const field = dict({
      FT: name('Sig'), T: PdfString.fromText('Horodatage du document 1'), Type: name('Annot'), Subtype: name('Widget'),
      Rect: [300, 40, 500, 140], F: 4, P: page.ref, V: ref(file.size() + 1),
    });
    const pdf = await stamp(one, new Map([[file.size(), field]]));
    expect(report(pdf).documentTimestamps[0]!.status).toBe('valid');
    expectModified(pdf, new RegExp(`horodatage du document \\(objet ${file.size()}\\) avec un cadre visible sur la page`));
  }, 30_000);

  it('a document timestamp whose token does not verify: its field is a new signature field the certification refuses', async () => {
    const pdf = await stamp(one);
    const d = PdfFile.open(pdf);
    const ts = findSignatureFields(d).find((f) => f.name === 'Horodatage du document 1')!;
    const [, a] = d.dict(ts.value)!.get('ByteRange') as number[];
    const bad = Buffer.from(pdf);
    bad[a! + 2001] = bad[a! + 2001] === 0x30 ? 0x31 : 0x30;
    const r = report(bad);
    expect(r.documentTimestamps[0]!.status).toBe('invalid');
    expect(disallowed(r)).toMatch(new RegExp(`nouveau champ de signature \\(objet ${ts.ref.num}\\) alors que la certification n’autorise que le remplissage`));
  }, 30_000);
});
