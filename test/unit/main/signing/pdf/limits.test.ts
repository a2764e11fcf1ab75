import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PdfFile } from '../../../../../main/signing/pdf/file';
import { LIMITS } from '../../../../../main/signing/pdf/limits';
import { PdfStream, PdfString, dict, name, serialize } from '../../../../../main/signing/pdf/objects';
import { PdfParser, PdfSyntaxError } from '../../../../../main/signing/pdf/parser';
import { decodeStream } from '../../../../../main/signing/pdf/streams';
import { RawPdf } from '../../../../helpers/signing/hostile';

const tooComplex = expect.objectContaining({ code: 'PDF_TOO_COMPLEX', message: expect.stringMatching(/trop complexe.*Demandez/) });
const unreadable = expect.objectContaining({ code: 'PDF_UNREADABLE' });

/** Catalog 1, pages 2, page 3, then `more` objects, with a classic table. */
function doc(catalogExtra = '', more: Record<number, string> = {}): Buffer {
  const p = new RawPdf();
  p.obj(1, `<</Type/Catalog/Pages 2 0 R${catalogExtra}>>`);
  p.obj(2, '<</Type/Pages/Kids[3 0 R]/Count 1>>');
  p.obj(3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>');
  for (const [n, body] of Object.entries(more)) p.obj(Number(n), body);
  return p.table(`/Size ${4 + Object.keys(more).length}/Root 1 0 R`);
}

describe('parser: strings and nesting', () => {
  it('reads literal and hex strings into bytes, escapes included, and writes them back the same, short or long', () => {
    const v = new PdfParser(Buffer.from('[(a\\(b\\)c\\\\d\\n\\101\\0) (x(y)z) <48 65 6C6C6F7> ()]', 'latin1')).value() as PdfString[];
    expect(v.map((s) => Buffer.from(s.bytes).toString('latin1'))).toEqual(['a(b)c\\d\nA\0', 'x(y)z', 'Hellop', '']);
    for (const bytes of [Buffer.from('a(b)c\\d'), Buffer.from([0, 1, 255, 40]), Buffer.alloc(70_000, 0x28), Buffer.alloc(70_000, 0x01)]) {
      for (const hex of [false, true]) {
        const back = new PdfParser(serialize(new PdfString(bytes, hex))).value() as PdfString;
        expect(Buffer.from(back.bytes).equals(bytes)).toBe(true);
      }
    }
    expect(() => new PdfParser(Buffer.from('(jamais fermée')).value()).toThrow(PdfSyntaxError);
    expect(() => new PdfParser(Buffer.from('<4G>')).value()).toThrow(PdfSyntaxError);
  });

  it('refuses arrays and dictionaries nested deeper than the limit, and reads them up to it', () => {
    const depth = LIMITS.maxNesting;
    expect(() => new PdfParser(Buffer.from('['.repeat(depth) + ']'.repeat(depth))).value()).not.toThrow();
    expect(() => new PdfParser(Buffer.from('['.repeat(depth + 1) + ']'.repeat(depth + 1))).value()).toThrowError(tooComplex);
    expect(() => new PdfParser(Buffer.from('<</A '.repeat(depth + 1) + '1' + '>>'.repeat(depth + 1))).value()).toThrowError(tooComplex);
    // Siblings do not add up: depth is what is open at once.
    expect(() => new PdfParser(Buffer.from(`[${'[[]]'.repeat(10_000)}]`)).value()).not.toThrow();
    expect(() => PdfFile.open(doc(`/Deep ${'['.repeat(100_000)}${']'.repeat(100_000)}`)).catalog()).toThrowError(tooComplex);
  });
});

describe('cross-reference sections: numbers checked against the file', () => {
  const row = (t: number, off: number) => Buffer.from([t, (off >> 24) & 255, (off >> 16) & 255, (off >> 8) & 255, off & 255, 0, 0]);
  /** Catalog 1 and pages 2 listed by xref stream 3 with `dictText`; `data` replaces the right rows. */
  const xrefStream = (dictText: string, data?: Buffer) => {
    const p = new RawPdf();
    p.obj(1, '<</Type/Catalog/Pages 2 0 R>>');
    p.obj(2, '<</Type/Pages/Kids[]/Count 0>>');
    const rows = Buffer.concat([row(0, 0), row(1, p.offsets.get(1)!), row(1, p.offsets.get(2)!), row(1, 0)]);
    return p.end(p.stream(3, `/Type/XRef/Root 1 0 R${dictText}`, data ?? rows));
  };

  it('accepts a well-formed xref stream', () => {
    expect(PdfFile.open(xrefStream('/Size 4/W[1 4 2]')).catalog()?.name('Type')).toBe('Catalog');
    expect(PdfFile.open(xrefStream('/Size 4/W[1 4 2]/Index[0 4]')).catalog()?.name('Type')).toBe('Catalog');
  });

  it.each([
    ['negative width', '/Size 4/W[1 -4 2]'],
    ['width of 9 bytes', '/Size 4/W[1 9 2]'],
    ['zero offset width', '/Size 4/W[1 0 2]'],
    ['real width', '/Size 4/W[1 4.5 2]'],
    ['two widths', '/Size 4/W[1 4]'],
    ['/Size 1e400', `/Size 1${'0'.repeat(400)}/W[1 4 2]`],
    ['/Size negative', '/Size -1/W[1 4 2]'],
    ['/Size above the object limit', `/Size ${LIMITS.maxObjectNumber + 2}/W[1 4 2]`],
    ['/Index count 1e400', `/Size 4/W[1 4 2]/Index[0 1${'0'.repeat(400)}]`],
    ['/Index count beyond the data', '/Size 4/W[1 4 2]/Index[0 5]'],
    ['/Index first negative', '/Size 4/W[1 4 2]/Index[-1 4]'],
    ['/Index odd length', '/Size 4/W[1 4 2]/Index[0 4 7]'],
    ['/Index past the object limit', `/Size 4/W[1 4 2]/Index[${LIMITS.maxObjectNumber} 4]`],
  ])('refuses %s', (_, d) => {
    expect(() => PdfFile.open(xrefStream(d))).toThrowError(unreadable);
  });

  it('refuses more rows than the object limit as too complex, before reading them', () => {
    expect(() => PdfFile.open(xrefStream(`/Size ${LIMITS.maxObjects + 2}/W[1 1 0]`, Buffer.alloc((LIMITS.maxObjects + 2) * 2)))).toThrowError(tooComplex);
  });

  it('refuses a table whose count the file cannot hold, and /Prev loops or out of the file', () => {
    const good = doc();
    const f = PdfFile.open(good);
    const bad = Buffer.from(good.toString('latin1').replace(/xref\n0 1\n/, 'xref\n0 99999\n'), 'latin1');
    expect(() => PdfFile.open(bad)).toThrowError(unreadable);
    for (const prev of [String(f.startxref), '-5', String(good.length + 10), '1.5', `1${'0'.repeat(400)}`]) {
      const looped = Buffer.from(good.toString('latin1').replace('/Root 1 0 R>>', `/Root 1 0 R/Prev ${prev}>>`), 'latin1');
      expect(() => PdfFile.open(looped), prev).toThrowError(unreadable);
    }
  });
});

describe('object streams and object dependencies', () => {
  const objStm = (d: string, data = '1 0 <</Type/Catalog/Pages 2 0 R>>') => {
    const p = new RawPdf();
    p.obj(2, '<</Type/Pages/Kids[]/Count 0>>');
    p.stream(5, d, Buffer.from(data, 'latin1'));
    const rows = Buffer.alloc(7 * 7);
    const put = (i: number, t: number, a: number, b: number) => {
      rows[i * 7] = t;
      rows.writeUInt32BE(a, i * 7 + 1);
      rows.writeUInt16BE(b, i * 7 + 5);
    };
    put(1, 2, 5, 0);
    put(2, 1, p.offsets.get(2)!, 0);
    put(5, 1, p.offsets.get(5)!, 0);
    return p.end(p.stream(6, '/Type/XRef/Size 7/W[1 4 2]/Root 1 0 R', rows));
  };

  it('reads a well-formed object stream', () => {
    expect(PdfFile.open(objStm('/Type/ObjStm/N 1/First 4')).catalog()?.name('Type')).toBe('Catalog');
  });

  it.each([
    ['/N 1e9', '/Type/ObjStm/N 1000000000/First 4'],
    ['/N 1e400', `/Type/ObjStm/N 1${'0'.repeat(400)}/First 4`],
    ['/N negative', '/Type/ObjStm/N -1/First 4'],
    ['/First past the data', '/Type/ObjStm/N 1/First 1000'],
    ['/First real', '/Type/ObjStm/N 1/First 4.5'],
    ['/N more than the header holds', '/Type/ObjStm/N 2/First 4'],
  ])('refuses %s', (_, d) => {
    expect(() => PdfFile.open(objStm(d))).toThrowError(unreadable);
  });

  it('reads an object stream whose /Length lives inside itself through its endstream keyword, without a loop', () => {
    expect(PdfFile.open(objStm('/Type/ObjStm/N 1/First 4/Length 1 0 R')).catalog()?.name('Type')).toBe('Catalog');
  });

  it('reads streams whose /Length refer to each other, without a loop', () => {
    const f = PdfFile.open(doc('/S 4 0 R', { 4: '<</Length 5 0 R>>\nstream\nq Q\nendstream', 5: '<</Length 4 0 R>>\nstream\nq Q\nendstream' }));
    // Both streams still read (the endstream keyword ends them); no loop, no stack overflow.
    expect(f.get(4)).toBeInstanceOf(PdfStream);
    expect(f.get(5)).toBeInstanceOf(PdfStream);
  });
});

describe('stream decoding: capped output, few filters', () => {
  const stream = (data: Buffer, filter: string[] | string) => new PdfStream(dict({ Filter: Array.isArray(filter) ? filter.map(name) : name(filter) }), data);

  it('decodes Flate, once per file even when asked again', () => {
    const s = stream(deflateSync(Buffer.from('bonjour')), 'FlateDecode');
    expect(decodeStream(s).toString()).toBe('bonjour');
    expect(decodeStream(s)).toBe(decodeStream(s));
  });

  it('refuses a stream inflating past 64 MB, more than two filters, and more than the per-file total', () => {
    expect(() => decodeStream(stream(deflateSync(Buffer.alloc(LIMITS.maxStreamBytes + 1)), 'FlateDecode'))).toThrowError(tooComplex);
    expect(() => decodeStream(stream(deflateSync(deflateSync(deflateSync(Buffer.from('x')))), ['FlateDecode', 'FlateDecode', 'FlateDecode']))).toThrowError(tooComplex);
    const blob = deflateSync(Buffer.alloc(40 * 1024 * 1024), { level: 1 });
    // Three streams of one file's memory, 40 MB each: the third passes the 96 MB total.
    const file = Buffer.concat([blob, blob, blob]);
    const at = (i: number) => stream(file.subarray(i * blob.length, (i + 1) * blob.length), 'FlateDecode');
    expect(decodeStream(at(0)).length).toBe(40 * 1024 * 1024);
    expect(decodeStream(at(1)).length).toBe(40 * 1024 * 1024);
    expect(() => decodeStream(at(2))).toThrowError(tooComplex);
  });

  it('turns corrupt Flate data and bad predictor parameters into syntax errors', () => {
    expect(() => decodeStream(stream(Buffer.from('pas du flate'), 'FlateDecode'))).toThrow(PdfSyntaxError);
    const s = new PdfStream(dict({ Filter: name('FlateDecode'), DecodeParms: dict({ Predictor: 12, Columns: 1e400 }) }), deflateSync(Buffer.from('abc')));
    expect(() => decodeStream(s)).toThrow(PdfSyntaxError);
  });
});
