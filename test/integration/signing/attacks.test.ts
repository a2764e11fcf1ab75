import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { analyzeUpdate, RevisionState } from '../../../main/signing/verify/changes';
import { dict, name, PdfDict, PdfRef, PdfStream, PdfString } from '../../../main/signing/pdf/objects';
import { appendHidden, appendUpdate, appendXrefOnly, byteRanges, flip, pageContentNum } from '../../helpers/signing/attacks';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { importIntoNss, makeTestPki, pdfsig, type TestPki } from '../../helpers/signing/pki';
import { put, signWith, tempDir, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let dir: string;
let blank: Buffer;
/** Three-field PDF signed by the first signatory (certified, P=2). */
let one: Buffer;
/** The same, signed by all three. */
let three: Buffer;

const EVIL = 'BT /F1 30 Tf 60 600 Td (Montant : 9 999 999 EUR) Tj ET';

/** The object holding the AcroForm (its own object, or the catalog when inline) and a setter of /Fields. */
function editFields(file: PdfFile, change: (fields: PdfRef[]) => PdfRef[]): [number, PdfDict] {
  const catalogRef = file.trailer.get('Root') as PdfRef;
  const catalog = file.catalog()!.clone();
  const a = catalog.get('AcroForm');
  if (a instanceof PdfRef) {
    const acro = (file.get(a.num) as PdfDict).clone();
    return [a.num, acro.set('Fields', change(acro.get('Fields') as PdfRef[]))];
  }
  const acro = (a as PdfDict).clone();
  catalog.set('AcroForm', acro.set('Fields', change(acro.get('Fields') as PdfRef[])));
  return [catalogRef.num, catalog];
}

beforeAll(async () => {
  pki = makeTestPki();
  dir = tempDir('paraphe-attacks-');
  blank = await makeFieldsPdf();
  one = signWith(blank, pki.rsa);
  three = signWith(signWith(one, pki.ec), pki.rsa2);
  expect(verifyTrusting(pki, three).verdict).toBe('valid');
});

describe('integrity: a changed byte anywhere in a signed range', () => {
  it('a flipped byte in page content is invalid for us and « Digest Mismatch » for pdfsig', () => {
    const [br] = byteRanges(three);
    const at = Math.floor(br![1]! / 2);
    const bad = flip(three, at);
    const r = verifyTrusting(pki, bad);
    expect(r.verdict).toBe('invalid');
    expect(r.signatures[0]!.problems.join(' ')).toMatch(/condensé signé ne correspond pas/);
    const p = pdfsig(pki, put(dir, 'flip.pdf', bad));
    expect(p.text).toMatch(/Digest Mismatch/);
    expect(p.valid).toBeLessThan(3);
  });

  it('a flipped byte inside the CMS is invalid', () => {
    const [, , br3] = byteRanges(three);
    const bad = flip(three, br3![1]! + 40);
    expect(verifyTrusting(pki, bad).signatures[2]!.status).toBe('invalid');
  });
});

describe('universal signature forgery: malformed signature values are invalid, never skipped', () => {
  const fieldNum = (pdf: Buffer) => findSignatureFields(PdfFile.open(pdf))[0]!.ref.num;
  const variants: Array<[string, (d: PdfDict) => PdfDict]> = [
    ['no /Contents', (d) => { d.map.delete('Contents'); return d; }],
    ['no /ByteRange', (d) => { d.map.delete('ByteRange'); return d; }],
    ['/Contents null', (d) => d.set('Contents', null)],
    ['/ByteRange null', (d) => d.set('ByteRange', null)],
    ['/ByteRange [0 0 0 0]', (d) => d.set('ByteRange', [0, 0, 0, 0])],
    ['/Contents of zeros', (d) => d.set('Contents', new PdfString(Buffer.alloc(64), true))],
    ['/ByteRange overlapping', (d) => d.set('ByteRange', [0, 100, 50, 10])],
  ];
  for (const [label, mutate] of variants) {
    it(label, () => {
      const f = fieldNum(blank);
      const file = PdfFile.open(blank);
      const sigNum = file.size();
      const sig = mutate(dict({ Type: name('Sig'), Filter: name('Adobe.PPKLite'), SubFilter: name('ETSI.CAdES.detached'), ByteRange: [0, 10, 20, 30], Contents: new PdfString(Buffer.alloc(8), true) }));
      const field = (file.get(f) as PdfDict).clone().set('V', new PdfRef(sigNum, 0));
      const forged = appendUpdate(blank, [[sigNum, sig], [f, field]]);
      const r = verifyTrusting(pki, forged);
      expect(r.verdict).toBe('invalid');
      expect(r.signatures).toHaveLength(1);
      expect(r.signatures[0]!.status).toBe('invalid');
    });
  }

  it('the CMS of another document pasted in: digest mismatch', () => {
    const other = signWith(blank, pki.ec, { certify: false });
    const [brOther] = byteRanges(other);
    const cmsHex = other.toString('latin1', brOther![1]! + 1, brOther![2]! - 1);
    const [br] = byteRanges(one);
    const forged = Buffer.from(one);
    forged.write(cmsHex.padEnd(br![2]! - br![1]! - 2, '0').slice(0, br![2]! - br![1]! - 2), br![1]! + 1, 'latin1');
    expect(verifyTrusting(pki, forged).verdict).toBe('invalid');
  });
});

describe('incremental saving attacks: updates after a signature that change what is shown', () => {
  it('a rewritten page content stream: modified, naming the page; pdfsig still calls the signature valid', () => {
    const num = pageContentNum(one);
    const attacked = appendUpdate(one, [[num, new PdfStream(new PdfDict(), Buffer.from(EVIL))]]);
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/contenu de la page 1/);
    const p = pdfsig(pki, put(dir, 'isa.pdf', attacked));
    // The gap the issue describes: pdfsig only says the signature does not cover the whole file.
    expect(p.valid).toBe(1);
    expect(p.text).toMatch(/Not total document signed/);
  });

  it('a page added to the page tree: modified', () => {
    const file = PdfFile.open(one);
    const pagesRef = file.catalog()!.get('Pages') as PdfRef;
    const pages = (file.get(pagesRef.num) as PdfDict).clone();
    const newPage = file.size();
    const kids = [...(pages.get('Kids') as PdfRef[]), new PdfRef(newPage, 0)];
    pages.set('Kids', kids).set('Count', kids.length);
    const attacked = appendUpdate(one, [[newPage, dict({ Type: name('Page'), Parent: pagesRef, MediaBox: [0, 0, 595, 842] })], [pagesRef.num, pages]]);
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(new RegExp(`objet ${pagesRef.num} modifié`));
  });

  it('an update that is followed by a genuine later signature still taints the earlier one', () => {
    const num = pageContentNum(one);
    const attacked = appendUpdate(one, [[num, new PdfStream(new PdfDict(), Buffer.from(EVIL))]]);
    const resigned = signWith(attacked, pki.ec);
    const r = verifyTrusting(pki, resigned);
    expect(r.signatures.map((s) => s.status)).toEqual(['modified', 'valid']);
    expect(r.verdict).toBe('modified');
  });

  it('a removed signature field: modified', () => {
    const file = PdfFile.open(three);
    const r = verifyTrusting(pki, appendUpdate(three, [editFields(file, (f) => f.slice(0, 2))]));
    expect(r.signatures[0]!.status).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/retiré/);
  });

  it('metadata that no page shows (Info, XMP) may change after a signature', () => {
    const file = PdfFile.open(three);
    const catalogRef = file.trailer.get('Root') as PdfRef;
    const xmpNum = file.size();
    const xmp = new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"/>'));
    const r = verifyTrusting(pki, appendUpdate(three, [[xmpNum, xmp], [catalogRef.num, file.catalog()!.clone().set('Metadata', new PdfRef(xmpNum, 0))]]));
    expect(r.verdict).toBe('valid');
    expect(r.signatures[2]!.changesAllowed.join(' ')).toMatch(/métadonnées XMP/);
  });

  it('bytes appended after the last %%EOF: modified', () => {
    const r = verifyTrusting(pki, Buffer.concat([three, Buffer.from('\n1 0 obj (cache) endobj\n')]));
    expect(r.verdict).toBe('modified');
  });
});

describe('signature wrapping', () => {
  it('moving the signed tail and pointing a rewritten /ByteRange at it (pdfsig-style dictionary): invalid', async () => {
    importIntoNss(pki, pki.rsa2);
    const src = put(dir, 'wrap-src.pdf', blank);
    const out = `${dir}/wrap-signed.pdf`;
    execFileSync('pdfsig', ['-nssdir', pki.nssDir, '-add-signature', '-nick', 'guyot', '-new-signature-field-name', 'W', src, out], { stdio: 'pipe' });
    const signed = readFileSync(out);
    const [br] = byteRanges(signed);
    const [, a, b, c] = br as [number, number, number, number];
    // poppler writes /ByteRange after /Contents, i.e. in the second signed part.
    const tail = signed.subarray(b, b + c);
    const injected = Buffer.from('\n% injected objects would go here\n', 'latin1');
    const moved = b + tail.length + injected.length;
    const tailText = tail.toString('latin1');
    const m = /\/ByteRange \[[^\]]*\]/.exec(tailText);
    expect(m).not.toBeNull();
    const newText = `/ByteRange [0 ${a} ${moved} ${c}`.padEnd(m![0].length - 1, ' ') + ']';
    expect(newText.length).toBe(m![0].length);
    const rewritten = Buffer.from(tailText.replace(m![0], newText), 'latin1');
    const wrapped = Buffer.concat([signed.subarray(0, b), rewritten, injected, tail]);
    // A verifier that trusted /ByteRange alone would find the digest intact:
    const r = verifyTrusting(pki, wrapped);
    expect(r.verdict).not.toBe('valid');
    expect(r.signatures[0]?.status ?? 'invalid').toBe('invalid');
  });

  it('our own signatures sign their /ByteRange: rewriting it breaks them', () => {
    const [br] = byteRanges(one);
    const text = one.toString('latin1');
    const at = text.indexOf(`/ByteRange [0 ${br![1]} ${br![2]}`);
    const bad = Buffer.from(one);
    bad.write(`/ByteRange [0 ${br![1]! - 1}`, at, 'latin1');
    expect(verifyTrusting(pki, bad).verdict).toBe('invalid');
  });
});

describe('shadow attacks: prepared before signing, revealed after', () => {
  it('hide: an update made of a new xref only, re-pointing the page content to a hidden object', () => {
    const num = pageContentNum(blank);
    const stream = `${num} 0 obj\n<</Length ${EVIL.length}>>\nstream\n${EVIL}\nendstream\nendobj\n`;
    const prepared = appendHidden(blank, [stream]);
    const signed = signWith(prepared.pdf, pki.rsa);
    expect(verifyTrusting(pki, signed).verdict).toBe('valid');
    const attacked = appendXrefOnly(signed, [[num, prepared.at[0]!]]);
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/contenu de la page 1/);
  });

  it('replace: a form field value overlaid on the text after signing', async () => {
    // A text field is allowed in a convention's template; changing its value after a signature is not.
    const file = PdfFile.open(blank);
    const txtNum = file.size();
    const page = file.pages()[0]!;
    const catalogRef = file.trailer.get('Root') as PdfRef;
    const catalog = file.catalog()!.clone();
    const acro = (catalog.get('AcroForm') as PdfDict).clone();
    acro.set('Fields', [...(acro.get('Fields') as PdfRef[]), new PdfRef(txtNum, 0)]);
    catalog.set('AcroForm', acro);
    const pageDict = page.dict.clone().set('Annots', [...((page.dict.get('Annots') as PdfRef[]) ?? []), new PdfRef(txtNum, 0)]);
    const withField = appendUpdate(blank, [
      [txtNum, dict({ FT: name('Tx'), T: PdfString.fromText('montant'), V: PdfString.fromText('100 EUR'), Type: name('Annot'), Subtype: name('Widget'), Rect: [50, 700, 250, 720], P: page.ref })],
      [page.ref.num, pageDict],
      [catalogRef.num, catalog],
    ]);
    const signed = signWith(withField, pki.rsa);
    const f2 = PdfFile.open(signed);
    const field = (f2.get(txtNum) as PdfDict).clone().set('V', PdfString.fromText('9 999 999 EUR'));
    const r = verifyTrusting(pki, appendUpdate(signed, [[txtNum, field]]));
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(new RegExp(`objet ${txtNum}`));
  });

  it('a dangling reference in the signed revision, defined after the signature: modified', () => {
    // The attacker's page lists a second content stream that does not exist yet (drawn as nothing).
    const file = PdfFile.open(blank);
    const page = file.pages()[0]!;
    const ghost = file.size() + 10;
    const c = page.dict.get('Contents');
    const contents = [...(Array.isArray(c) ? c : [c!]), new PdfRef(ghost, 0)];
    const prepared = appendUpdate(blank, [[page.ref.num, page.dict.clone().set('Contents', contents)]]);
    const signed = signWith(prepared, pki.rsa);
    expect(verifyTrusting(pki, signed).verdict).toBe('valid');
    const attacked = appendUpdate(signed, [[ghost, new PdfStream(new PdfDict(), Buffer.from(EVIL))]]);
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/désigné par la révision signée/);
  });

  it('hide-and-replace: a hidden catalog with another page tree, revealed by an xref-only update', () => {
    const file = PdfFile.open(blank);
    const catalogRef = file.trailer.get('Root') as PdfRef;
    const pagesNum = file.size() + 50;
    const pageNum = pagesNum + 1;
    const contentNum = pageNum + 1;
    const hidden = [
      `${contentNum} 0 obj\n<</Length ${EVIL.length}>>\nstream\n${EVIL}\nendstream\nendobj\n`,
      `${pageNum} 0 obj\n<</Type /Page /Parent ${pagesNum} 0 R /MediaBox [0 0 595 842] /Contents ${contentNum} 0 R>>\nendobj\n`,
      `${pagesNum} 0 obj\n<</Type /Pages /Kids [${pageNum} 0 R] /Count 1>>\nendobj\n`,
    ];
    const catText = `${catalogRef.num} 0 obj\n<</Type /Catalog /Pages ${pagesNum} 0 R /AcroForm ${'<<'}/Fields []>>>>\nendobj\n`;
    const prepared = appendHidden(blank, [...hidden, catText]);
    const at = prepared.at;
    const signed = signWith(prepared.pdf, pki.rsa);
    expect(verifyTrusting(pki, signed).verdict).toBe('valid');
    const attacked = appendXrefOnly(signed, [[contentNum, at[0]!], [pageNum, at[1]!], [pagesNum, at[2]!], [catalogRef.num, at[3]!]]);
    const r = verifyTrusting(pki, attacked);
    // The signature is still found (from the revision that held it) and the swap is named.
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/catalogue/);
  });
});

describe('certification (DocMDP P=2) abuses', () => {
  it('evil annotation: a FreeText annotation added after certification is refused', () => {
    const file = PdfFile.open(one);
    const page = file.pages()[0]!;
    const annotNum = file.size();
    const annots = [...(file.resolve(page.dict.get('Annots')) as PdfRef[]), new PdfRef(annotNum, 0)];
    const attacked = appendUpdate(one, [
      [annotNum, dict({ Type: name('Annot'), Subtype: name('FreeText'), Rect: [50, 600, 500, 650], Contents: PdfString.fromText('Montant : 9 999 999 EUR'), DA: PdfString.fromText('/Helv 24 Tf 0 g') })],
      [page.ref.num, page.dict.clone().set('Annots', annots)],
    ]);
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/n’est pas un champ de signature/);
  });

  it('sneaky signature: a new signature field whose appearance covers the text is refused under P=2', () => {
    const file = PdfFile.open(one);
    const page = file.pages()[0]!;
    const fieldNum = file.size();
    const apNum = fieldNum + 1;
    const annots = [...(file.resolve(page.dict.get('Annots')) as PdfRef[]), new PdfRef(fieldNum, 0)];
    const attacked = appendUpdate(one, [
      [apNum, new PdfStream(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 500, 300] }), Buffer.from('1 g 0 0 500 300 re f'))],
      [fieldNum, dict({ FT: name('Sig'), T: PdfString.fromText('sournoise'), Type: name('Annot'), Subtype: name('Widget'), Rect: [40, 400, 540, 700], P: page.ref, F: 4, AP: dict({ N: new PdfRef(apNum, 0) }) })],
      [page.ref.num, page.dict.clone().set('Annots', annots)],
      editFields(file, (f) => [...f, new PdfRef(fieldNum, 0)]),
    ]);
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).toBe('modified');
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/certification/);
  });

  it('our signer refuses to add a field to a certified document, or to certify late', () => {
    expect(() => signWith(three, pki.ec)).toThrowError(/certifié/);
    const approval = signWith(blank, pki.rsa, { certify: false });
    expect(() => signWith(approval, pki.ec, { certify: true })).toThrowError(/première signature peut certifier/);
  });

  it('P=1 certification: even a later signature is a forbidden change', () => {
    const two = signWith(one, pki.ec);
    const before = new RevisionState(PdfFile.open(one));
    const after = new RevisionState(PdfFile.open(two));
    const sig2 = (findSignatureFields(after.file)[1]!.value as PdfRef).num;
    expect(analyzeUpdate(before, after, { signedHere: new Set([sig2]), certification: 2 }).disallowed).toEqual([]);
    const locked = analyzeUpdate(before, after, { signedHere: new Set([sig2]), certification: 1 });
    expect(locked.disallowed.join(' ')).toMatch(/interdit toute modification/);
  });
});
