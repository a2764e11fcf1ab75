import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderConvention } from '../../../main/pdf/index';
import { PdfFile } from '../../../main/signing/pdf/file';
import { findSignatureFields, certificationLevel } from '../../../main/signing/pdf/fields';
import { getTemplate } from '../../../shared/templates/index';
import { loadStampFont, type StampFont } from '../../../main/signing/stamp-font';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, pdfsig, type TestPki } from '../../helpers/signing/pki';
import { put, qpdfCheck, signWith, tempDir, verifyTrusting } from '../../helpers/signing/sign';

let pki: TestPki;
let dir: string;
let example: Buffer;
let font: StampFont;

beforeAll(async () => {
  pki = makeTestPki();
  dir = tempDir();
  const template = getTemplate('exemple-camino-2020');
  if (!template) throw new Error('modèle exemple-camino-2020 absent');
  example = Buffer.from((await renderConvention(template.build())).bytes);
  font = await loadStampFont();
});

describe('three signatories sign the worked example (exemple-camino-2020) in order', () => {
  let signed: Buffer[] = [];
  beforeAll(() => {
    // RSA (AES PKCS#12), ECDSA P-256 (AES PKCS#12), RSA in a -legacy (3DES/RC2) PKCS#12.
    const s1 = signWith(example, pki.rsa, { font });
    const s2 = signWith(s1, pki.ec, { font });
    const s3 = signWith(s2, pki.legacy, { font });
    signed = [s1, s2, s3];
  });

  it('appends each signature as an incremental update over the previous bytes', () => {
    expect(signed[0]!.subarray(0, example.length).equals(example)).toBe(true);
    expect(signed[1]!.subarray(0, signed[0]!.length).equals(signed[0]!)).toBe(true);
    expect(signed[2]!.subarray(0, signed[1]!.length).equals(signed[1]!)).toBe(true);
    const fields = findSignatureFields(PdfFile.open(signed[2]!));
    expect(fields.map((f) => [f.name, f.value !== undefined])).toEqual([['signature-1', true], ['signature-2', true], ['signature-3', true]]);
    // The first signature certified the document: only form filling and signing remain allowed.
    expect(certificationLevel(PdfFile.open(signed[2]!))).toBe(2);
  });

  it('pdfsig: three « Signature is Valid. », three « Certificate is Trusted. », the last covers the whole file', () => {
    const file = put(dir, 'camino-signe.pdf', signed[2]!);
    const r = pdfsig(pki, file);
    expect(r.signatures, r.text).toBe(3);
    expect(r.valid, r.text).toBe(3);
    expect(r.trusted, r.text).toBe(3);
    expect(r.totalSigned, r.text).toBe(1);
    expect(r.text).toMatch(/Signature #3:[\s\S]*Total document signed/);
    expect(r.text).toContain('ETSI.CAdES.detached');
  });

  it('our verifier agrees: three valid, trusted signatures, only later signatures after each', () => {
    const r = verifyTrusting(pki, signed[2]!);
    expect(r.verdict).toBe('valid');
    expect(r.signatures.map((s) => [s.field, s.status, s.signer?.commonName])).toEqual([
      ['signature-1', 'valid', 'Brice HUET'],
      ['signature-2', 'valid', 'Patrick SOULÉ'],
      ['signature-3', 'valid', 'Nadi BOU HANNA'],
    ]);
    expect(r.signatures[0]!.certification).toBe(2);
    expect(r.signatures.map((s) => s.coversWholeDocument)).toEqual([false, false, true]);
    for (const s of r.signatures) {
      expect(s.changesDisallowed).toEqual([]);
      expect(s.digestAlgorithm).toBe('sha256');
      expect(s.subFilter).toBe('ETSI.CAdES.detached');
    }
    expect(r.signatures[0]!.revision).toBeLessThan(r.signatures[1]!.revision!);
  });

  it('each intermediate file is valid too, and qpdf finds no structural error', () => {
    signed.forEach((s, i) => {
      const r = verifyTrusting(pki, s);
      expect(r.verdict).toBe('valid');
      expect(r.signatures).toHaveLength(i + 1);
      const check = qpdfCheck(put(dir, `etape-${i + 1}.pdf`, s));
      expect(check.code, check.text).toBe(0);
    });
  });

  it('the stamp shows « Signature numérique de {nom} », the title and the date, in embedded Marianne', () => {
    const file = put(dir, 'tampon.pdf', signed[2]!);
    const text = execFileSync('pdftotext', ['-f', '7', '-l', '7', '-layout', file, '-']).toString();
    expect(text).toMatch(/Signature numérique de Brice HUET/);
    expect(text).toMatch(/Secrétaire général adjoint/);
    expect(text).toMatch(/Signature numérique de Nadi BOU\s+HANNA/);
    // A delegate signs « pour » the expected signatory: the stamp names who really signed.
    expect(text).toMatch(/pour Patrice GUYOT/);
    expect(text).toMatch(/Date : \d{4}\.\d{2}\.\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}'\d{2}'/);
    const fonts = execFileSync('pdffonts', [file]).toString();
    const marianne = fonts.split('\n').filter((l) => /Marianne/.test(l));
    expect(marianne.length).toBeGreaterThanOrEqual(6);
    for (const line of marianne) expect(line).toMatch(/^[A-Z]{6}\+Marianne-\S+\s.*yes\s+yes\s+yes/);
    expect(fonts).not.toMatch(/Helvetica/);
  });

  it('refuses to sign field 3 before field 2, with a message naming who signs first', () => {
    expect(() => signWith(signed[0]!, pki.legacy, { signatory: 3 })).toThrowError(/signature 2 \(Patrick SOULÉ\) doit être apposée avant la signature 3/);
    expect(() => signWith(signed[0]!, pki.rsa, { signatory: 1 })).toThrowError(/déjà signé/);
    // By name works in order.
    const byName = signWith(signed[0]!, pki.ec, { signatory: 'patrick soule' });
    expect(verifyTrusting(pki, byName).verdict).toBe('valid');
  });
});

describe('our own three-field PDFs, with classic xref tables and with xref streams + object streams', () => {
  for (const objectStreams of [false, true]) {
    it(`signs three times and stays valid for pdfsig and for us (object streams: ${objectStreams})`, async () => {
      let pdf = await makeFieldsPdf({ objectStreams });
      expect(PdfFile.open(pdf).usesXrefStreams()).toBe(objectStreams);
      for (const id of [pki.ec, pki.rsa, pki.rsa2]) pdf = signWith(pdf, id);
      // The update keeps the file's kind of cross-reference section.
      expect(PdfFile.open(pdf).usesXrefStreams()).toBe(objectStreams);
      const r = pdfsig(pki, put(dir, `own-${objectStreams}.pdf`, pdf));
      expect([r.valid, r.trusted, r.totalSigned], r.text).toEqual([3, 3, 1]);
      expect(verifyTrusting(pki, pdf).verdict).toBe('valid');
      expect(qpdfCheck(put(dir, `own-${objectStreams}-check.pdf`, pdf)).code).toBe(0);
    });
  }
});

describe('PDFs made elsewhere', () => {
  it('counter-signs a PDF first signed by `pdfsig -add-signature`: both signatures valid', async () => {
    const { importIntoNss } = await import('../../helpers/signing/pki');
    importIntoNss(pki, pki.rsa2);
    const blank = put(dir, 'externe.pdf', await makeFieldsPdf({ signatories: [] }));
    const first = `${dir}/externe-pdfsig.pdf`;
    const { execFileSync } = await import('node:child_process');
    execFileSync('pdfsig', ['-nssdir', pki.nssDir, '-add-signature', '-nick', 'guyot', '-new-signature-field-name', 'Signature NSS', blank, first], { stdio: 'pipe' });
    const before = pdfsig(pki, first);
    expect(before.valid, before.text).toBe(1);
    const counter = signWith(readFileSync(first), pki.ec);
    const r = pdfsig(pki, put(dir, 'externe-contresigne.pdf', counter));
    expect([r.signatures, r.valid, r.trusted, r.totalSigned], r.text).toEqual([2, 2, 2, 1]);
    const ours = verifyTrusting(pki, counter);
    expect(ours.signatures.map((s) => [s.subFilter, s.status])).toEqual([['adbe.pkcs7.detached', 'valid'], ['ETSI.CAdES.detached', 'valid']]);
    expect(ours.verdict).toBe('valid');
  });

  it('fills the existing empty fields of a PDF made elsewhere, in any order, without certifying', async () => {
    const pdf = await makeFieldsPdf({ foreign: true, objectStreams: true });
    const b = signWith(pdf, pki.ec, { signatory: 'Signature B', font });
    const a = signWith(b, pki.rsa, { signatory: 'Signature A', font });
    const fields = findSignatureFields(PdfFile.open(a));
    expect(fields.map((f) => [f.name, f.order, f.value !== undefined])).toEqual([['Signature A', undefined, true], ['Signature B', undefined, true], ['Signature C', undefined, false]]);
    expect(certificationLevel(PdfFile.open(a))).toBeUndefined();
    const r = pdfsig(pki, put(dir, 'etranger.pdf', a));
    expect([r.valid, r.trusted, r.totalSigned], r.text).toEqual([2, 2, 1]);
    expect(verifyTrusting(pki, a).verdict).toBe('valid');
    // Without a /ParapheSignatory the stamp names the certificate's holder.
    const text = execFileSync('pdftotext', [put(dir, 'etranger-texte.pdf', a), '-']).toString();
    expect(text).toMatch(/numérique/);
    expect(text).toMatch(/Patrick SOULÉ/);
  });

  it('adds a visible field on the last page of a PDF without one (qpdf object streams input)', async () => {
    const { execFileSync } = await import('node:child_process');
    const src = put(dir, 'sans-champ.pdf', await makeFieldsPdf({ signatories: [], pages: 3 }));
    const os = `${dir}/sans-champ-os.pdf`;
    execFileSync('qpdf', ['--object-streams=generate', src, os]);
    const pdf = readFileSync(os);
    expect(PdfFile.open(pdf).usesXrefStreams()).toBe(true);
    const once = signWith(pdf, pki.rsa);
    const twice = signWith(once, pki.ec);
    const fields = findSignatureFields(PdfFile.open(twice));
    expect(fields.map((f) => [f.page, f.value !== undefined])).toEqual([[3, true], [3, true]]);
    expect(fields[0]!.rect[1]).not.toBe(fields[1]!.rect[1]);
    const r = pdfsig(pki, put(dir, 'sans-champ-signe.pdf', twice));
    expect([r.valid, r.trusted, r.totalSigned], r.text).toEqual([2, 2, 1]);
    expect(verifyTrusting(pki, twice).verdict).toBe('valid');
  });
});
