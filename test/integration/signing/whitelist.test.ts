/**
 * The verifier's short list of allowed changes (main/signing/README.md), tried as an attacker
 * would: re-pointed metadata, sneaky appearances on empty fields, overlay fields on
 * counter-signed foreign PDFs, backdated signatures. Every attacked file must be
 * « modifié » or « invalide »; every good file (signatures in order, counter-signed foreign
 * PDFs, Info-only and XMP-only updates) must stay « valide ».
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import { openPkcs12 } from '../../../main/signing/crypto/pkcs12';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields } from '../../../main/signing/pdf/fields';
import { dict, name, PdfDict, PdfRef, PdfStream, PdfString, serialize, type PdfValue } from '../../../main/signing/pdf/objects';
import { signPdf } from '../../../main/signing/sign-pdf';
import { loadStampFont, type StampFont } from '../../../main/signing/stamp-font';
import { getTemplate } from '../../../shared/templates/index';
import { appendRaw, appendUpdate, appendUpdateWithTrailer, appendXrefOnly, byteRanges, pageContentNum } from '../../helpers/signing/attacks';
import { signCustom } from '../../helpers/signing/custom-sign';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeOddLeaf, makeTestPki, pdfsig, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, signWith, tempDir, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let dir: string;
let font: StampFont;
/** The worked example rendered by Paraphe, and signed by one, then all three signatories. */
let example: Buffer;
let example1: Buffer;
let example3: Buffer;

const EVIL = 'BT /F1 30 Tf 60 600 Td (Montant : 9 999 999 EUR) Tj ET';
const evilStream = () => new PdfStream(new PdfDict(), Buffer.from(EVIL));
const xmpStream = (text = '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>') => new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(text));
const disallowed = (pdf: Buffer, i = 0) => verifyTrusting(pki, pdf).signatures[i]!.changesDisallowed.join(' | ');

beforeAll(async () => {
  pki = makeTestPki();
  dir = tempDir('paraphe-whitelist-');
  font = await loadStampFont();
  const template = getTemplate('exemple-camino-2020');
  if (!template) throw new Error('modèle exemple-camino-2020 absent');
  example = Buffer.from((await renderConvention(template.build())).bytes);
  example1 = signWith(example, pki.rsa, { font });
  example3 = signWith(signWith(example1, pki.ec, { font }), pki.rsa2, { font });
});

describe('good files stay valid', () => {
  it('the worked example signed by three in order: valid, each later change named as allowed', () => {
    const r = verifyTrusting(pki, example3);
    expect(r.verdict, JSON.stringify(r.signatures.map((s) => s.changesDisallowed))).toBe('valid');
    expect(r.signatures.map((s) => s.revision)).toEqual([2, 3, 4]);
    expect(r.signatures[0]!.changesAllowed.join(' ')).toMatch(/révision 3 : champ de signature « signature-2 » rempli par sa signature/);
  });

  it('an Info-only update keeping the same object, then an XMP-only update keeping the same stream: valid', () => {
    const file = PdfFile.open(example3);
    const info = file.trailer.get('Info') as PdfRef;
    const withInfo = appendUpdate(example3, [[info.num, (file.get(info.num) as PdfDict).clone().set('Keywords', PdfString.fromText('archivé'))]]);
    const meta = file.catalog()!.get('Metadata') as PdfRef;
    const withXmp = appendUpdate(withInfo, [[meta.num, xmpStream('<x:xmpmeta xmlns:x="adobe:ns:meta/"><!-- archivé --></x:xmpmeta>')]]);
    const r = verifyTrusting(pki, withXmp);
    expect(r.verdict, disallowed(withXmp)).toBe('valid');
    expect(r.signatures[2]!.changesAllowed.join(' ')).toMatch(/métadonnées du document \(Info\)[\s\S]*métadonnées XMP/);
  });

  it('a foreign signature that stops at %%EOF, its end of line left to the next update, then ours: both valid', async () => {
    const blank = await makeFieldsPdf();
    const signer = openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD);
    const foreign = signCustom(blank, signer, { endCut: 1 });
    expect(foreign.toString('latin1').endsWith('%%EOF\n')).toBe(true);
    const r1 = verifyTrusting(pki, foreign);
    expect(r1.verdict, JSON.stringify(r1.signatures.map((s) => s.problems))).toBe('valid');
    const r2 = verifyTrusting(pki, signWith(foreign, pki.ec, { font }));
    expect(r2.signatures.map((s) => s.status)).toEqual(['valid', 'valid']);
    expect(r2.signatures.map((s) => s.revision)).toEqual([2, 3]);
  });

  it('/Info re-pointed to a new dictionary that nothing else uses: valid', () => {
    const num = PdfFile.open(example3).size();
    const pdf = appendUpdateWithTrailer(example3, [[num, dict({ Title: PdfString.fromText('Convention archivée') })]], { Info: new PdfRef(num, 0) });
    expect(verifyTrusting(pki, pdf).verdict, disallowed(pdf)).toBe('valid');
  });
});

describe('family 1: re-pointed metadata', () => {
  it('/Info re-pointed to the page content stream, which is rewritten: modified', () => {
    const content = pageContentNum(example1);
    const attacked = appendUpdateWithTrailer(example1, [[content, evilStream()]], { Info: new PdfRef(content, 0) });
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).toBe('modified');
    expect(disallowed(attacked)).toMatch(/Info\) redirigées vers un objet \d+ \(contenu de la page 1\) qui existait déjà/);
  });

  it('/Info re-pointed to a page dictionary: modified (even with the page left as it is)', () => {
    const page = PdfFile.open(example1).pages()[0]!.ref.num;
    expect(verifyTrusting(pki, appendUpdateWithTrailer(example1, [], { Info: new PdfRef(page, 0) })).verdict).toBe('modified');
  });

  it('/Info re-pointed to a new dictionary that a page also uses as its resources: modified', () => {
    const file = PdfFile.open(example1);
    const page = file.pages()[0]!;
    const num = file.size();
    const res = file.dict(page.dict.get('Resources'))!.clone();
    const attacked = appendUpdateWithTrailer(example1, [[num, res], [page.ref.num, page.dict.clone().set('Resources', new PdfRef(num, 0))]], { Info: new PdfRef(num, 0) });
    expect(disallowed(attacked)).toMatch(/objet \d+ \(page 1\) : \/Resources modifié/);
  });

  it('an /Info that was a content stream already when signed (prepared): rewriting it is modified', () => {
    const content = pageContentNum(example);
    const prepared = appendUpdateWithTrailer(example, [], { Info: new PdfRef(content, 0) });
    const signed = signWith(prepared, pki.rsa, { font });
    expect(verifyTrusting(pki, signed).verdict).toBe('valid');
    const attacked = appendUpdate(signed, [[content, evilStream()]]);
    expect(verifyTrusting(pki, attacked).verdict).toBe('modified');
    expect(disallowed(attacked)).toMatch(/désigné comme métadonnées \(Info\)/);
  });

  it('/Metadata re-pointed to the page content stream dressed as XMP: modified', () => {
    const file = PdfFile.open(example1);
    const content = pageContentNum(example1);
    const root = file.trailer.get('Root') as PdfRef;
    const dressed = new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(EVIL));
    const attacked = appendUpdate(example1, [[content, dressed], [root.num, file.catalog()!.clone().set('Metadata', new PdfRef(content, 0))]]);
    expect(verifyTrusting(pki, attacked).verdict).toBe('modified');
    expect(disallowed(attacked)).toMatch(/XMP redirigées vers un objet \d+ \(contenu de la page 1\) qui existait déjà/);
  });

  it('a new XMP stream that a page also draws: modified', () => {
    const file = PdfFile.open(example1);
    const page = file.pages()[0]!;
    const root = file.trailer.get('Root') as PdfRef;
    const num = file.size();
    const c = page.dict.get('Contents');
    const attacked = appendUpdate(example1, [
      [num, new PdfStream(dict({ Type: name('Metadata'), Subtype: name('XML') }), Buffer.from(EVIL))],
      [root.num, file.catalog()!.clone().set('Metadata', new PdfRef(num, 0))],
      [page.ref.num, page.dict.clone().set('Contents', [...(Array.isArray(c) ? c : [c!]), new PdfRef(num, 0)])],
    ]);
    expect(verifyTrusting(pki, attacked).verdict).toBe('modified');
  });
});

describe('family 2: sneaky signature, evil annotation on an empty field (certified document)', () => {
  const emptyField = (pdf: Buffer, order: number) => findSignatureFields(PdfFile.open(pdf)).find((f) => f.order === order)!;
  const fakeStamp = () => new PdfStream(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 500, 300] }), Buffer.from('BT /F1 9 Tf 2 40 Td (Signature numérique de Patrick SOULÉ) Tj ET'));

  it('a new appearance on the empty field of signatory 2, without signing it: modified', () => {
    const f = emptyField(example1, 2);
    const num = PdfFile.open(example1).size();
    const attacked = appendUpdate(example1, [[num, fakeStamp()], [f.ref.num, f.dict.clone().set('AP', dict({ N: new PdfRef(num, 0) }))]]);
    expect(verifyTrusting(pki, attacked).verdict).toBe('modified');
    expect(disallowed(attacked)).toMatch(/apparence du champ de signature vide « signature-2 »/);
  });

  it('the empty appearance stream of signatory 3 redefined in place: modified', () => {
    const f = emptyField(example1, 3);
    const ap = (PdfFile.open(example1).dict(f.dict.get('AP'))!.get('N') as PdfRef).num;
    const attacked = appendUpdate(example1, [[ap, fakeStamp()]]);
    expect(verifyTrusting(pki, attacked).verdict).toBe('modified');
  });

  it('the fake stamp in one update, signatory 2 genuinely signing in the next: still modified for signature 1', () => {
    const f = emptyField(example1, 3);
    const num = PdfFile.open(example1).size();
    const attacked = appendUpdate(example1, [[num, fakeStamp()], [f.ref.num, f.dict.clone().set('AP', dict({ N: new PdfRef(num, 0) }))]]);
    const r = verifyTrusting(pki, signWith(attacked, pki.ec, { font }));
    expect(r.signatures.map((s) => s.status)).toEqual(['modified', 'valid']);
  });

  it('a field filled with a signature dictionary that does not verify: invalid, never valid', () => {
    const f = emptyField(example1, 2);
    const file = PdfFile.open(example1);
    const sigNum = file.size();
    const apNum = sigNum + 1;
    const [br] = byteRanges(example1);
    const fake = dict({ Type: name('Sig'), Filter: name('Adobe.PPKLite'), SubFilter: name('ETSI.CAdES.detached'), ByteRange: br!, Contents: new PdfString(Buffer.alloc(64), true) });
    const attacked = appendUpdate(example1, [[sigNum, fake], [apNum, fakeStamp()], [f.ref.num, f.dict.clone().set('V', new PdfRef(sigNum, 0)).set('AP', dict({ N: new PdfRef(apNum, 0) }))]]);
    const r = verifyTrusting(pki, attacked);
    expect(r.verdict).not.toBe('valid');
    expect(r.signatures[0]!.status).not.toBe('valid');
  });
});

/** Foreign PDFs: made by LibreOffice (where present), pdf-lib with object streams, linearized by qpdf, signed by pdfsig. */
async function foreignPdfs(): Promise<Array<[string, Buffer]>> {
  const plain = await makeFieldsPdf({ signatories: [] });
  const src = put(dir, 'plain.pdf', plain);
  const out: Array<[string, Buffer]> = [['pdf-lib', plain]];
  const qpdf = (args: string[], name: string) => {
    const target = join(dir, name);
    execFileSync('qpdf', [...args, src, target], { stdio: 'pipe' });
    return readFileSync(target);
  };
  out.push(['qpdf object streams', qpdf(['--object-streams=generate'], 'objstm.pdf')]);
  out.push(['qpdf linearized', qpdf(['--linearize'], 'linearized.pdf')]);
  // The mutation run (npm run mutation) loads this file once per mutant: LibreOffice is left out there.
  const soffice = process.env.PARAPHE_MUTATION ? { status: 1 } : spawnSync('soffice', ['--version'], { stdio: 'pipe' });
  if (soffice.status === 0) {
    writeFileSync(join(dir, 'lettre.txt'), 'Convention de délégation de gestion\n\nArticle 1 : objet.\nArticle 2 : montant de 140 000 EUR.\n');
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 'lettre.txt')], { stdio: 'pipe', timeout: 120_000 });
    out.push(['LibreOffice', readFileSync(join(dir, 'lettre.pdf'))]);
  } else if (process.env.CI && !process.env.PARAPHE_MUTATION) throw new Error('soffice (libreoffice-writer-nogui) est requis en CI');
  execFileSync('pk12util', ['-i', pki.rsa2.p12, '-d', pki.nssDir, '-W', TEST_PASSWORD, '-K', ''], { stdio: 'pipe' });
  const signedOut = join(dir, 'pdfsig-signed.pdf');
  execFileSync('pdfsig', ['-nssdir', pki.nssDir, '-add-signature', '-nick', pki.rsa2.nick, '-new-signature-field-name', 'Visa', src, signedOut], { stdio: 'pipe' });
  out.push(['signé par pdfsig', readFileSync(signedOut)]);
  return out;
}

describe('family 3: overlay fields on counter-signed foreign PDFs (not certified)', () => {
  let foreign: Array<[string, Buffer]>;
  beforeAll(async () => {
    foreign = await foreignPdfs();
  }, 180_000);

  /** An unsigned signature widget over the whole last page, whose appearance paints new text. */
  const overlay = (pdf: Buffer, visible: boolean) => {
    const file = PdfFile.open(pdf);
    const pages = file.pages();
    const page = pages[pages.length - 1]!;
    const fieldNum = file.size();
    const apNum = fieldNum + 1;
    const rect = visible ? [0, 0, 595, 842] : [0, 0, 0, 0];
    const annots = file.resolve(page.dict.get('Annots'));
    const objects: Array<[number, PdfValue]> = [
      [apNum, new PdfStream(dict({ Type: name('XObject'), Subtype: name('Form'), BBox: [0, 0, 595, 842] }), Buffer.from(`1 g 0 0 595 842 re f 0 g ${EVIL}`))],
      [fieldNum, dict({ FT: name('Sig'), T: PdfString.fromText('recouvrement'), Type: name('Annot'), Subtype: name('Widget'), Rect: rect, P: page.ref, F: 4, AP: dict({ N: new PdfRef(apNum, 0) }) })],
    ];
    const annotsRef = page.dict.get('Annots');
    const newAnnots = [...(Array.isArray(annots) ? annots : []), new PdfRef(fieldNum, 0)];
    if (annotsRef instanceof PdfRef) objects.push([annotsRef.num, newAnnots]);
    else objects.push([page.ref.num, page.dict.clone().set('Annots', newAnnots)]);
    const catalog = file.catalog()!;
    const acro = catalog.get('AcroForm');
    if (acro instanceof PdfRef) {
      const a = file.dict(acro)!.clone();
      const fields = file.resolve(a.get('Fields'));
      objects.push([acro.num, a.set('Fields', [...(Array.isArray(fields) ? fields : []), new PdfRef(fieldNum, 0)])]);
    }
    return appendUpdate(pdf, objects);
  };

  it('each foreign PDF counter-signed by Paraphe is valid for us and for pdfsig', () => {
    expect(foreign.length).toBeGreaterThanOrEqual(4);
    for (const [label, pdf] of foreign) {
      const signed = signWith(pdf, pki.rsa, { font });
      const r = verifyTrusting(pki, signed);
      expect(r.verdict, `${label}: ${JSON.stringify(r.signatures.map((s) => [s.problems, s.changesDisallowed]))}`).toBe('valid');
      const p = pdfsig(pki, put(dir, 'counter.pdf', signed));
      expect(p.valid, `${label}: ${p.text}`).toBe(p.signatures);
    }
  });

  it('an unsigned visible signature widget painting over the page: modified, for every foreign PDF', () => {
    for (const [label, pdf] of foreign) {
      const signed = signWith(pdf, pki.rsa, { font });
      const attacked = overlay(signed, true);
      const r = verifyTrusting(pki, attacked);
      expect(r.verdict, label).toBe('modified');
      expect(r.signatures.at(-1)!.changesDisallowed.join(' '), label).toMatch(/nouveau champ de signature visible mais non signé/);
    }
  });

  it('an invisible (empty /Rect) unsigned signature field is allowed, as is a counter-signature adding its own field', () => {
    const [, pdf] = foreign[0]!;
    const signed = signWith(pdf, pki.rsa, { font });
    expect(verifyTrusting(pki, overlay(signed, false)).verdict).toBe('valid');
    const twice = signWith(signed, pki.ec, { font });
    const r = verifyTrusting(pki, twice);
    expect(r.verdict).toBe('valid');
    expect(r.signatures[0]!.changesAllowed.join(' ')).toMatch(/nouveau champ de signature signé dans la même mise à jour/);
  });

  it('a genuine counter-signature whose new field covers half the page: modified; a stamp-sized one: valid', () => {
    const [, pdf] = foreign[0]!;
    const signed = signWith(pdf, pki.rsa, { font });
    const half = signWith(signed, pki.ec, { font, newFieldRect: [0, 0, 595, 421] });
    const r = verifyTrusting(pki, half);
    expect(r.signatures.map((s) => s.status)).toEqual(['modified', 'valid']);
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/couvre plus d’un sixième de la page/);
    expect(verifyTrusting(pki, signWith(signed, pki.ec, { font, newFieldRect: [300, 40, 560, 140] })).verdict).toBe('valid');
  });

  it('a FreeText annotation added after a foreign PDF was counter-signed: modified', () => {
    const [, pdf] = foreign[1]!;
    const signed = signWith(pdf, pki.rsa, { font });
    const file = PdfFile.open(signed);
    const page = file.pages()[0]!;
    const num = file.size();
    const annots = file.resolve(page.dict.get('Annots'));
    const attacked = appendUpdate(signed, [
      [num, dict({ Type: name('Annot'), Subtype: name('FreeText'), Rect: [50, 600, 500, 650], Contents: PdfString.fromText('9 999 999 EUR'), DA: PdfString.fromText('/Helv 24 Tf 0 g') })],
      [page.ref.num, page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), new PdfRef(num, 0)])],
    ]);
    expect(verifyTrusting(pki, attacked).verdict).toBe('modified');
  });
});

describe('family 4: validation time', () => {
  it('a certificate expired today, with a backdated /M inside its validity: invalid, « certificat expiré », CLI exit 1', () => {
    const year = 365 * 24 * 3600_000;
    const p12 = makeOddLeaf(pki, { notBefore: new Date(Date.now() - 2 * year), notAfter: new Date(Date.now() - year) });
    const signer = openPkcs12(readFileSync(p12), TEST_PASSWORD);
    const backdated = Buffer.concat(signPdf({ pdf: example, signer, now: new Date(Date.now() - 1.5 * year), font }).chunks as Buffer[]);
    const r = verifyTrusting(pki, backdated);
    expect(r.verdict).toBe('invalid');
    expect(r.signatures[0]!.trust).toBe('expired');
    expect(r.signatures[0]!.problems.join(' ')).toMatch(/Certificat expiré : aucune preuve que la signature a été faite pendant sa validité/);
    const file = put(dir, 'antidate.pdf', backdated);
    const cli = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'paraphe.mjs'), 'verify', file, '--trust', pki.caPem], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(1);
    expect(cli.stdout).toMatch(/Certificat expiré : aucune preuve/);
    expect(pdfsig(pki, file).text).toMatch(/Certificate has Expired/);
    expect(r.signatures[0]!.integrity).toBe(true);
  });

  it('/M and a CMS signing-time that contradict each other: invalid, both times named', () => {
    const signedAt = (offsetMs: number) => {
      const pdf = signWith(example, pki.rsa, { font, now: new Date(Date.now() + offsetMs) });
      // Replace the CMS with OpenSSL's, which carries a signing-time attribute (now).
      const [br] = byteRanges(pdf);
      const [, a, b, c] = br as [number, number, number, number];
      const content = put(dir, 'ranges.bin', Buffer.concat([pdf.subarray(0, a), pdf.subarray(b, b + c)]));
      const cms = execFileSync('openssl', ['cms', '-sign', '-binary', '-md', 'sha256', '-cades', '-in', content, '-signer', pki.rsa.cert, '-inkey', pki.rsa.key, '-nosmimecap', '-outform', 'DER']);
      const hex = cms.toString('hex');
      expect(hex.length).toBeLessThanOrEqual(b - a - 2);
      const out = Buffer.from(pdf);
      out.write(hex.padEnd(b - a - 2, '0'), a + 1, 'latin1');
      return out;
    };
    // Control: the same construction with /M now is valid, so only the contradiction can fail it.
    expect(verifyTrusting(pki, signedAt(0)).verdict).toBe('valid');
    const r = verifyTrusting(pki, signedAt(3 * 3600_000));
    expect(r.verdict).toBe('invalid');
    expect(r.signatures[0]!.problems.join(' ')).toMatch(/se contredisent \(\/M : .*signing-time : /);
  });
});

describe('FieldMDP locks', () => {
  it('Paraphe’s fields lock every field but the later signatories’; the signatures carry the same lock in /Reference', () => {
    const file = PdfFile.open(example3);
    const fields = findSignatureFields(file);
    const locks = fields.map((f) => file.dict(f.dict.get('Lock')));
    expect(locks.map((l) => l?.name('Action'))).toEqual(['Exclude', 'Exclude', 'All']);
    expect((file.resolve(locks[0]!.get('Fields')) as PdfString[]).map((s) => s.text())).toEqual(['signature-2', 'signature-3']);
    const refs = file.resolve(file.dict(fields[0]!.value)!.get('Reference')) as PdfDict[];
    expect(refs.map((r) => r.name('TransformMethod'))).toEqual(['DocMDP', 'FieldMDP']);
    // MuPDF, a second verifier, still checks each signature (it calls later signatures « edits »).
    const mutool = spawnSync('mutool', ['sign', '-v', put(dir, 'locks.pdf', example3)], { encoding: 'utf8' });
    if (mutool.error !== undefined && !process.env.CI) return;
    const text = `${mutool.stdout}${mutool.stderr}`;
    expect(text.match(/The signature is valid but there have been edits since signing\.|The document is unchanged since signing\./g), text).toHaveLength(3);
  });

  it('filling a field that an earlier signature locks: refused by our signer, « modifié » for the verifier', async () => {
    const blank = await makeFieldsPdf();
    const f1 = findSignatureFields(PdfFile.open(blank))[0]!;
    const locked = appendUpdate(blank, [[f1.ref.num, f1.dict.clone().set('Lock', dict({ Type: name('SigFieldLock'), Action: name('All') }))]]);
    const one = signWith(locked, pki.rsa, { certify: false });
    expect(() => signWith(one, pki.ec)).toThrowError(/verrouille le champ/);
    const careless = signWith(one, pki.ec, { respectLocks: false });
    const r = verifyTrusting(pki, careless);
    expect(r.signatures.map((s) => s.status)).toEqual(['modified', 'valid']);
    expect(r.signatures[0]!.changesDisallowed.join(' ')).toMatch(/champ « signature-2 » rempli alors que cette signature le verrouille/);
  });
});

describe('property: any change to what a page shows, by any route, is never « valide »', () => {
  /** Objects reachable from page 1 of a signed file (page, contents, resources, fonts, annotations and their appearances). */
  const reachable = (pdf: Buffer): number[] => {
    const file = PdfFile.open(pdf);
    const out = new Set<number>();
    const walk = (v: PdfValue | undefined, depth: number): void => {
      if (depth > 6 || v === undefined) return;
      if (v instanceof PdfRef) {
        if (out.has(v.num)) return;
        const d = file.dict(v);
        if (d?.name('Type') === 'Pages' || d?.name('Type') === 'Catalog') return;
        out.add(v.num);
        walk(file.get(v.num) ?? undefined, depth + 1);
      } else if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
      else if (v instanceof PdfDict) for (const [k, x] of v.map) if (k !== 'Parent' && k !== 'P' && k !== 'V') walk(x, depth + 1);
      else if (v instanceof PdfStream) walk(v.dict, depth + 1);
    };
    walk(file.pages()[0]!.ref, 0);
    return [...out].sort((a, b) => a - b);
  };
  const mutate = (v: PdfValue | undefined): PdfValue => {
    if (v instanceof PdfStream) return new PdfStream(v.dict.clone(), Buffer.concat([Buffer.from(v.data), Buffer.from(`\n${EVIL}`)]));
    if (v instanceof PdfDict) return v.clone().set('ParapheMutation', 1);
    if (Array.isArray(v)) return [...v, 0];
    return dict({ Remplace: PdfString.fromText(String(v)) });
  };

  /** The object's referrer, with every reference to `from` replaced by one to `to`. */
  const repointed = (file: PdfFile, from: number, to: number): [number, PdfValue] | undefined => {
    const swap = (v: PdfValue): PdfValue => {
      if (v instanceof PdfRef) return v.num === from ? new PdfRef(to, 0) : v;
      if (Array.isArray(v)) return v.map(swap);
      if (v instanceof PdfDict) return new PdfDict([...v.map].map(([k, x]) => [k, swap(x)] as const));
      if (v instanceof PdfStream) return new PdfStream(swap(v.dict) as PdfDict, v.data);
      return v;
    };
    for (const n of file.entries.keys()) {
      const v = file.get(n);
      if (v === undefined || v === null) continue;
      const s = swap(v);
      if (JSON.stringify(serialize(s)) !== JSON.stringify(serialize(v))) return [n, s];
    }
    return undefined;
  };

  it('redefined object, xref-only re-pointing, re-pointed reference or re-pointed /Info; alone or followed by a genuine signature', async () => {
    const blank = await makeFieldsPdf();
    const one = signWith(blank, pki.rsa);
    const targets = reachable(one);
    expect(targets.length).toBeGreaterThan(3);
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.constantFrom('redefine', 'xref-only', 'repoint', 'info'), fc.boolean(), (num, route, resign) => {
        const file = PdfFile.open(one);
        const value = mutate(file.get(num) ?? undefined);
        let attacked: Buffer;
        if (route === 'redefine') attacked = appendUpdate(one, [[num, value]]);
        else if (route === 'info') attacked = appendUpdateWithTrailer(one, [[num, value]], { Info: new PdfRef(num, 0) });
        else if (route === 'repoint') {
          const fresh = file.size();
          const referrer = repointed(file, num, fresh);
          if (!referrer) return;
          attacked = appendUpdate(one, [[fresh, value], referrer]);
        }
        else {
          const text = Buffer.concat([Buffer.from(`${num} 0 obj\n`), serialize(value), Buffer.from('\nendobj\n')]).toString('latin1');
          const raw = appendRaw(one, text);
          attacked = appendXrefOnly(raw.pdf, [[num, raw.at]]);
        }
        if (resign) {
          try {
            attacked = signWith(attacked, pki.ec);
          } catch {
            // The signer may refuse what the attack left (a damaged field): nothing to verify then.
          }
        }
        const r = verifyTrusting(pki, attacked);
        expect(r.signatures[0]?.status ?? 'invalid', `${route} objet ${num}`).not.toBe('valid');
        expect(r.verdict).not.toBe('valid');
      }),
      { numRuns: 120, seed: 20261203 },
    );
  });
});
