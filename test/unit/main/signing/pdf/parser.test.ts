import { describe, expect, it } from 'vitest';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, sameValue, serialize } from '../../../../../main/signing/pdf/objects';
import { PdfParser } from '../../../../../main/signing/pdf/parser';

const parse = (s: string) => new PdfParser(Buffer.from(s, 'latin1')).value();

describe('PDF object parser and serializer', () => {
  it('reads the basic types, references and escapes', () => {
    const v = parse('<< /A 12 /B -3.5 /C (a\\(b\\)\\n\\101) /D <48656c6c6f> /E [1 0 R 2 true null /N#20x] /F << /G 0 5 R >> >>') as PdfDict;
    expect(v.get('A')).toBe(12);
    expect(v.get('B')).toBe(-3.5);
    expect(Buffer.from((v.get('C') as PdfString).bytes).toString('latin1')).toBe('a(b)\nA');
    expect((v.get('D') as PdfString).text()).toBe('Hello');
    const e = v.get('E') as unknown[];
    expect(e[0]).toEqual(new PdfRef(1, 0));
    expect(e.slice(1, 3)).toEqual([2, true]);
    expect((e[4] as PdfName).name).toBe('N x');
    expect(((v.get('F') as PdfDict).get('G') as PdfRef).num).toBe(0);
  });

  it('decodes UTF-16BE text strings and writes non-ASCII text with a BOM', () => {
    const s = PdfString.fromText('Signature 1 : Patrick SOULÉ');
    expect(s.bytes[0]).toBe(0xfe);
    expect((parse(serialize(s).toString('latin1')) as PdfString).text()).toBe('Signature 1 : Patrick SOULÉ');
  });

  it('records where each dictionary value sits (the verifier checks /Contents against /ByteRange)', () => {
    const text = '<< /ByteRange [0 1 2 3] /Contents <00ff> >>';
    const d = parse(text) as PdfDict;
    const [a, b] = d.spans!.get('Contents')!;
    expect(text.slice(a, b)).toBe('<00ff>');
  });

  it('reads streams, falling back to endstream when /Length lies', () => {
    const p = new PdfParser(Buffer.from('7 0 obj\n<< /Length 999 >>\nstream\nABCDEF\nendstream\nendobj\n', 'latin1'));
    const obj = p.indirectObject();
    expect(obj.num).toBe(7);
    expect(Buffer.from((obj.value as PdfStream).data).toString()).toBe('ABCDEF');
  });

  it('serializes what it parses to an equal value', () => {
    const src = '<< /Type /Annot /Rect [10 20.5 30 40] /T (signature-1) /V 12 0 R /Kids [] /X << >> >>';
    const v = parse(src);
    expect(sameValue(parse(serialize(v).toString('latin1')), v)).toBe(true);
  });

  it('refuses garbage', () => {
    expect(() => parse(')')).toThrow();
    expect(() => parse('<< /A >>')).toThrow();
    expect(() => parse('<zz>')).toThrow();
  });
});
