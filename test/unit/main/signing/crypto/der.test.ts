import { describe, expect, it } from 'vitest';
import { children, content, DerError, int, octetBytes, oid, parseDer, readOid, readSmallInt, seq, setOf } from '../../../../../main/signing/crypto/der';

describe('DER', () => {
  it('round-trips OIDs and integers', () => {
    for (const o of ['1.2.840.113549.1.7.2', '2.16.840.1.101.3.4.2.1', '1.2.840.10045.4.3.2', '2.5.29.15']) expect(readOid(parseDer(oid(o)))).toBe(o);
    for (const n of [0, 1, 127, 128, 255, 256, 2048, 65537]) expect(readSmallInt(parseDer(int(n)))).toBe(n);
    expect(int(128).toString('hex')).toBe('02020080');
  });

  it('encodes long lengths and sorts SET OF members', () => {
    const big = seq(Buffer.alloc(300, 1));
    expect(big.subarray(0, 4).toString('hex')).toBe('3082012c');
    const s = setOf([int(5), int(1)]);
    expect(children(parseDer(s)).map((c) => readSmallInt(c))).toEqual([1, 5]);
  });

  it('reads BER indefinite lengths (NSS writes them) and chunked OCTET STRINGs', () => {
    const ber = Buffer.from('3080' + '2480' + '0402abcd' + '0401ef' + '0000' + '0000', 'hex');
    const top = parseDer(ber);
    expect(top.end).toBe(ber.length);
    const [octs] = children(top);
    expect(octetBytes(octs!).toString('hex')).toBe('abcdef');
  });

  it('fails on truncation and on lengths that overrun their parent', () => {
    expect(() => parseDer(Buffer.from('3005020101', 'hex'))).toThrow(DerError);
    expect(() => parseDer(Buffer.from('0480', 'hex'))).toThrow(DerError);
    expect(() => children(parseDer(Buffer.from('30030205010203', 'hex')))).toThrow(DerError);
    expect(content(parseDer(Buffer.from('0403010203', 'hex'))).toString('hex')).toBe('010203');
  });
});
