import { describe, expect, it } from 'vitest';
import { srgbIccProfile, SRGB_DESCRIPTION } from '../../../../main/pdf/icc';

/** Reads the ICC tag table: signature → [offset, size]. */
function tags(p: Uint8Array): Map<string, [number, number]> {
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const n = v.getUint32(128);
  const out = new Map<string, [number, number]>();
  for (let i = 0; i < n; i += 1) {
    const at = 132 + 12 * i;
    out.set(String.fromCharCode(...p.subarray(at, at + 4)), [v.getUint32(at + 4), v.getUint32(at + 8)]);
  }
  return out;
}

describe('srgbIccProfile', () => {
  const p = srgbIccProfile();
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const ascii = (at: number, n: number) => String.fromCharCode(...p.subarray(at, at + n));

  it('has a valid v2 display-profile header: size, version, class, colour spaces, signature, D50', () => {
    expect(v.getUint32(0)).toBe(p.length);
    expect(v.getUint32(8)).toBe(0x02100000);
    expect(ascii(12, 4)).toBe('mntr');
    expect(ascii(16, 4)).toBe('RGB ');
    expect(ascii(20, 4)).toBe('XYZ ');
    expect(ascii(36, 4)).toBe('acsp');
    expect(v.getInt32(68) / 65536).toBeCloseTo(0.9642, 3);
    expect(v.getInt32(72) / 65536).toBeCloseTo(1, 3);
    expect(v.getInt32(76) / 65536).toBeCloseTo(0.8249, 3);
  });

  it('holds every tag a matrix/TRC RGB profile needs, aligned and inside the file', () => {
    const t = tags(p);
    expect([...t.keys()].sort()).toEqual(['bTRC', 'bXYZ', 'cprt', 'desc', 'gTRC', 'gXYZ', 'rTRC', 'rXYZ', 'wtpt']);
    for (const [sig, [offset, size]] of t) {
      expect(offset % 4, sig).toBe(0);
      expect(offset + size, sig).toBeLessThanOrEqual(p.length);
      expect(ascii(offset, 4), sig).toBe({ desc: 'desc', cprt: 'text', wtpt: 'XYZ ', rXYZ: 'XYZ ', gXYZ: 'XYZ ', bXYZ: 'XYZ ', rTRC: 'curv', gTRC: 'curv', bTRC: 'curv' }[sig]);
    }
    const [descAt] = t.get('desc')!;
    expect(ascii(descAt + 12, SRGB_DESCRIPTION.length)).toBe(SRGB_DESCRIPTION);
  });

  it('has primaries summing to the D50 white and an increasing sRGB tone curve from 0 to 1', () => {
    const t = tags(p);
    const xyz = (sig: string) => [0, 1, 2].map((k) => v.getInt32(t.get(sig)![0] + 8 + 4 * k) / 65536);
    const sum = [0, 1, 2].map((k) => xyz('rXYZ')[k]! + xyz('gXYZ')[k]! + xyz('bXYZ')[k]!);
    expect(sum[0]).toBeCloseTo(0.9642, 2);
    expect(sum[1]).toBeCloseTo(1, 2);
    expect(sum[2]).toBeCloseTo(0.8249, 2);
    const [at] = t.get('rTRC')!;
    const n = v.getUint32(at + 8);
    expect(n).toBe(1024);
    const points = Array.from({ length: n }, (_, i) => v.getUint16(at + 12 + 2 * i));
    expect(points[0]).toBe(0);
    expect(points[n - 1]).toBe(65535);
    for (let i = 1; i < n; i += 1) expect(points[i]!).toBeGreaterThanOrEqual(points[i - 1]!);
    // Mid-grey 0.5 is 21.4 % linear light in sRGB.
    expect(points[Math.round((n - 1) / 2)]! / 65535).toBeCloseTo(0.214, 2);
  });

  it('is the same bytes every time (reproducible PDFs)', () => {
    expect(Buffer.compare(Buffer.from(srgbIccProfile()), Buffer.from(p))).toBe(0);
  });
});
