/**
 * Marianne for the signature stamp, embedded so that a PDF/A document stays PDF/A once signed
 * (a PDF/A file may not use a font it does not embed). Building a subset costs close to a
 * second (WOFF2 decompression, subsetting), so it is done once per process: one subset of
 * each weight holding every character WinAnsi can show, serialized by pdf-lib in a scratch
 * document, read back with our parser and copied, renumbered, into each signature's update.
 * pdf-lib and fontkit are imported on that first use only: `paraphe verify`, and main's
 * import of main/signing, must not load them.
 */
import { createHash } from 'node:crypto';
import type { PDFDocument as PdfLibDocument } from 'pdf-lib';
import type { StampFace } from './appearance';
import { PdfFile } from './pdf/file';
import { dict, PdfDict, PdfName, PdfRef, PdfStream, type PdfValue } from './pdf/objects';

/** The embedded subsets, ready to be copied into a document. */
export interface StampFont {
  /** Makes the font objects for one update (`allocate` hands out object numbers). */
  instantiate(allocate: () => number): { face: StampFace; objects: Array<[number, PdfValue]> };
}

/** What the stamp may contain: printable ASCII, Latin-1 and the Windows-1252 extras. */
function charset(): string {
  let s = '';
  for (let c = 0x20; c < 0x7f; c++) s += String.fromCharCode(c);
  for (let c = 0xa0; c <= 0xff; c++) s += String.fromCharCode(c);
  return s + 'ŒœŠšŸŽž€‚„…†‡‰‹›‘’“”•–—™';
}

function closure(file: PdfFile, root: number, into: Map<number, PdfValue>): void {
  const walk = (v: PdfValue | undefined): void => {
    if (v instanceof PdfRef) {
      if (into.has(v.num)) return;
      const target = file.get(v.num);
      if (target === undefined) return;
      into.set(v.num, target);
      walk(target);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v instanceof PdfDict) for (const x of v.map.values()) walk(x);
    else if (v instanceof PdfStream) walk(v.dict);
  };
  walk(new PdfRef(root, 0));
}

function renumber(v: PdfValue, map: ReadonlyMap<number, number>): PdfValue {
  if (v instanceof PdfRef) return new PdfRef(map.get(v.num) ?? v.num, 0);
  if (Array.isArray(v)) return v.map((x) => renumber(x, map));
  if (v instanceof PdfDict) return new PdfDict([...v.map].map(([k, x]) => [k, renumber(x, map)] as const));
  if (v instanceof PdfStream) return new PdfStream(renumber(v.dict, map) as PdfDict, v.data);
  return v;
}

function retag(v: PdfValue): PdfValue {
  const d = v instanceof PdfStream ? v.dict : v;
  if (!(d instanceof PdfDict)) return v;
  const out = d.clone();
  for (const key of ['BaseFont', 'FontName']) {
    const n = out.name(key);
    const m = n === undefined ? null : /^(Marianne-[A-Za-z]+)-\d+$/.exec(n);
    if (m) {
      const digest = createHash('sha256').update(m[1]! + charset()).digest();
      const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
      out.set(key, new PdfName(`${tag}+${m[1]}`));
    }
  }
  return v instanceof PdfStream ? new PdfStream(out, v.data) : out;
}

async function build(): Promise<StampFont> {
  const [pdfLib, { loadMarianne, repairCffHeader, sharedFontkit }] = await Promise.all([import('pdf-lib'), import('../pdf/fonts')]);
  // pdf-lib is CommonJS: Node's loader gives its exports by name, an esbuild chunk (the CLI
  // bundle) only as `default`.
  const { PDFDocument } = (pdfLib.PDFDocument ? pdfLib : (pdfLib as unknown as { default: typeof pdfLib }).default);
  const family = loadMarianne();
  const doc = await PDFDocument.create();
  doc.registerFontkit(sharedFontkit(family) as Parameters<PdfLibDocument['registerFontkit']>[0]);
  const regular = await doc.embedFont(family.regular.bytes, { subset: true });
  const bold = await doc.embedFont(family.bold.bytes, { subset: true });
  repairCffHeader(regular);
  repairCffHeader(bold);
  const chars = [...charset()].filter((c) => family.regular.font.hasGlyphForCodePoint(c.codePointAt(0)!) && family.bold.font.hasGlyphForCodePoint(c.codePointAt(0)!));
  // Glyph ids are given out as text is encoded; encoding every character now fixes them.
  const codes = { regular: new Map<string, string>(), bold: new Map<string, string>() };
  for (const c of chars) {
    codes.regular.set(c, regular.encodeText(c).toString().slice(1, -1));
    codes.bold.set(c, bold.encodeText(c).toString().slice(1, -1));
  }
  const file = PdfFile.open(Buffer.from(await doc.save({ useObjectStreams: false })));
  const objects = new Map<number, PdfValue>();
  closure(file, regular.ref.objectNumber, objects);
  closure(file, bold.ref.objectNumber, objects);
  // pdf-lib names a subset « Marianne-Regular-7098 »; PDF wants « ABCDEF+Marianne-Regular ».
  for (const [num, v] of objects) objects.set(num, retag(v));
  const known = new Set(chars);
  // fontkit lays out every string it measures (shaping included): far too slow for the
  // stamp's fitting loop. Per-character advances are enough for these short lines.
  const advances = { regular: new Map<string, number>(), bold: new Map<string, number>() };
  const safe = (text: string) => [...text.normalize('NFC').replace(/[\u00a0\u202f\u2009]/g, ' ')].map((c) => (known.has(c) ? c : '?')).join('');
  return {
    instantiate(allocate) {
      const map = new Map<number, number>();
      for (const num of objects.keys()) map.set(num, allocate());
      const face: StampFace = {
        safe,
        width: (text, size, b) => {
          const cache = b ? advances.bold : advances.regular;
          let w = 0;
          for (const c of text) {
            let a = cache.get(c);
            if (a === undefined) {
              a = (b ? bold : regular).widthOfTextAtSize(c, 1000);
              cache.set(c, a);
            }
            w += a;
          }
          return (w * size) / 1000;
        },
        encode: (text, b) => `<${[...text].map((c) => (b ? codes.bold : codes.regular).get(c) ?? '').join('')}>`,
        fonts: () => dict({ F1: new PdfRef(map.get(regular.ref.objectNumber)!, 0), F2: new PdfRef(map.get(bold.ref.objectNumber)!, 0) }),
      };
      return { face, objects: [...objects].map(([num, v]) => [map.get(num)!, renumber(v, map)]) };
    },
  };
}

let pending: Promise<StampFont> | undefined;

/** Marianne subsets for the stamp, built on first use and shared afterwards. */
export function loadStampFont(): Promise<StampFont> {
  pending ??= build().catch((e: unknown) => {
    pending = undefined;
    throw e;
  });
  return pending;
}
