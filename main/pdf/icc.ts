/**
 * A minimal sRGB ICC profile (version 2.1, display class), built here rather than shipped:
 * the PDF/A output intent needs one, and generating it keeps the repository free of a binary
 * with its own licence. Primaries and white are those of IEC 61966-2-1 adapted to D50
 * (Bradford), the tone curve is the sRGB one sampled on 1024 points.
 */

const D50: readonly [number, number, number] = [0.9642, 1.0, 0.8249];
const D65: readonly [number, number, number] = [0.9505, 1.0, 1.089];
const RED: readonly [number, number, number] = [0.4361, 0.2225, 0.0139];
const GREEN: readonly [number, number, number] = [0.3851, 0.7169, 0.0971];
const BLUE: readonly [number, number, number] = [0.1431, 0.0606, 0.7141];

/** The description the profile and the output intent carry. */
export const SRGB_DESCRIPTION = 'sRGB IEC61966-2.1';

class Writer {
  private buf = new Uint8Array(4096);
  private view = new DataView(this.buf.buffer);
  length = 0;
  private ensure(n: number) {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number) { this.ensure(1); this.view.setUint8(this.length, v); this.length += 1; }
  u16(v: number) { this.ensure(2); this.view.setUint16(this.length, v); this.length += 2; }
  u32(v: number) { this.ensure(4); this.view.setUint32(this.length, v >>> 0); this.length += 4; }
  s15f16(v: number) { this.ensure(4); this.view.setInt32(this.length, Math.round(v * 65536)); this.length += 4; }
  ascii(s: string) { for (let i = 0; i < s.length; i += 1) this.u8(s.charCodeAt(i) & 0x7f); }
  zeros(n: number) { for (let i = 0; i < n; i += 1) this.u8(0); }
  align4() { while (this.length % 4 !== 0) this.u8(0); }
  setU32(at: number, v: number) { this.view.setUint32(at, v >>> 0); }
  bytes(): Uint8Array { return this.buf.slice(0, this.length); }
}

function xyzTag(w: Writer, v: readonly [number, number, number]) {
  w.ascii('XYZ '); w.u32(0); w.s15f16(v[0]); w.s15f16(v[1]); w.s15f16(v[2]);
}

function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function curveTag(w: Writer) {
  const n = 1024;
  w.ascii('curv'); w.u32(0); w.u32(n);
  for (let i = 0; i < n; i += 1) w.u16(Math.round(srgbToLinear(i / (n - 1)) * 65535));
}

function descTag(w: Writer, text: string) {
  // textDescriptionType: ASCII part, then empty Unicode and ScriptCode parts.
  w.ascii('desc'); w.u32(0);
  w.u32(text.length + 1); w.ascii(text); w.u8(0);
  w.u32(0); w.u32(0);
  w.u16(0); w.u8(0); w.zeros(67);
}

function textTag(w: Writer, text: string) {
  w.ascii('text'); w.u32(0); w.ascii(text); w.u8(0);
}

let cached: Uint8Array | null = null;

/** The profile's bytes (built once). */
export function srgbIccProfile(): Uint8Array {
  if (cached) return cached;
  const w = new Writer();
  // Header (128 bytes).
  w.u32(0); // size, patched below
  w.u32(0); // preferred CMM
  w.u32(0x02100000); // version 2.1
  w.ascii('mntr'); w.ascii('RGB '); w.ascii('XYZ ');
  w.u16(2024); w.u16(1); w.u16(1); w.u16(0); w.u16(0); w.u16(0); // fixed date: deterministic bytes
  w.ascii('acsp');
  w.u32(0); w.u32(0); w.u32(0); w.u32(0); // platform, flags, manufacturer, model
  w.zeros(8); // attributes
  w.u32(0); // rendering intent: perceptual
  w.s15f16(D50[0]); w.s15f16(D50[1]); w.s15f16(D50[2]);
  w.u32(0); // creator
  w.zeros(128 - w.length);

  const tags: Array<[string, (w: Writer) => void]> = [
    ['desc', (x) => descTag(x, SRGB_DESCRIPTION)],
    ['cprt', (x) => textTag(x, 'No copyright, use freely')],
    ['wtpt', (x) => xyzTag(x, D65)],
    ['rXYZ', (x) => xyzTag(x, RED)],
    ['gXYZ', (x) => xyzTag(x, GREEN)],
    ['bXYZ', (x) => xyzTag(x, BLUE)],
    ['rTRC', curveTag],
  ];
  const count = tags.length + 2; // gTRC and bTRC share rTRC's data
  w.u32(count);
  const tableAt = w.length;
  w.zeros(12 * count);
  w.align4();
  const entries: Array<[string, number, number]> = [];
  for (const [sig, write] of tags) {
    const start = w.length;
    write(w);
    entries.push([sig, start, w.length - start]);
    w.align4();
  }
  const trc = entries.find((e) => e[0] === 'rTRC')!;
  entries.push(['gTRC', trc[1], trc[2]], ['bTRC', trc[1], trc[2]]);
  const bytes = w.bytes();
  const view = new DataView(bytes.buffer);
  entries.forEach(([sig, offset, size], i) => {
    const at = tableAt + i * 12;
    for (let k = 0; k < 4; k += 1) bytes[at + k] = sig.charCodeAt(k);
    view.setUint32(at + 4, offset);
    view.setUint32(at + 8, size);
  });
  view.setUint32(0, bytes.length);
  cached = bytes;
  return bytes;
}
