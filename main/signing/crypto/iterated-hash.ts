/**
 * H(H(…H(x))) for the PKCS#12 key derivation, which hashes a 20- or 32-byte value a couple of
 * thousand times. Each call into Node's native hash costs a few microseconds of crossing
 * overhead, more than the single compression it does; a tight JavaScript loop over one
 * fixed block is several times faster, so the KDF stops dominating the time to sign.
 * Only used for key derivation: document digests and signatures go through Node's crypto.
 */
import { hash } from 'node:crypto';

const K256 = new Int32Array([
  0x428a2f98, 0x71374491, -0x4a3f0431, -0x164a245b, 0x3956c25b, 0x59f111f1, -0x6dc07d5c, -0x54e3a12b,
  -0x27f85568, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, -0x7f214e02, -0x6423f959, -0x3e640e8c,
  -0x1b64963f, -0x1041b87a, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  -0x67c1aeae, -0x57ce3993, -0x4ffcd838, -0x40a68039, -0x391ff40d, -0x2a586eb9, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, -0x7e3d36d2, -0x6d8dd37b,
  -0x5d40175f, -0x57e599b5, -0x3db47490, -0x3893ae5d, -0x2e6d17e7, -0x2966f9dc, -0xbf1ca7b, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, -0x7b3787ec, -0x7338fdf8, -0x6f410006, -0x5baf9315, -0x41065c09, -0x398e870e,
]);

function sha256Iter(state: Int32Array, w: Int32Array, count: number): void {
  for (let n = 0; n < count; n++) {
    // Message block: the previous digest (8 words), padding bit, length 256 bits.
    for (let i = 0; i < 8; i++) w[i] = state[i]!;
    w[8] = 0x80000000 | 0;
    for (let i = 9; i < 15; i++) w[i] = 0;
    w[15] = 256;
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!, y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = 0x6a09e667, b = -0x4498517b, c = 0x3c6ef372, d = -0x5ab00ac6;
    let e = 0x510e527f, f = -0x64fa9774, g = 0x1f83d9ab, h = 0x5be0cd19;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K256[i]! + w[i]!) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    state[0] = (a + 0x6a09e667) | 0; state[1] = (b - 0x4498517b) | 0;
    state[2] = (c + 0x3c6ef372) | 0; state[3] = (d - 0x5ab00ac6) | 0;
    state[4] = (e + 0x510e527f) | 0; state[5] = (f - 0x64fa9774) | 0;
    state[6] = (g + 0x1f83d9ab) | 0; state[7] = (h + 0x5be0cd19) | 0;
  }
}

function sha1Iter(state: Int32Array, w: Int32Array, count: number): void {
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < 5; i++) w[i] = state[i]!;
    w[5] = 0x80000000 | 0;
    for (let i = 6; i < 15; i++) w[i] = 0;
    w[15] = 160;
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let a = 0x67452301, b = -0x10325477, c = -0x67452302, d = 0x10325476, e = -0x3c2d1e10;
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? ((b & c) | (~b & d)) + 0x5a827999
        : i < 40 ? (b ^ c ^ d) + 0x6ed9eba1
        : i < 60 ? ((b & c) | (b & d) | (c & d)) - 0x70e44324
        : (b ^ c ^ d) - 0x359d3e2a;
      const t = (((a << 5) | (a >>> 27)) + f + e + w[i]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = t;
    }
    state[0] = (a + 0x67452301) | 0; state[1] = (b - 0x10325477) | 0;
    state[2] = (c - 0x67452302) | 0; state[3] = (d + 0x10325476) | 0; state[4] = (e - 0x3c2d1e10) | 0;
  }
}

/** Returns H applied `count` more times to `digest` (itself a digest of `algorithm`). */
export function iterateHash(algorithm: string, digest: Buffer, count: number): Buffer {
  if (count <= 0) return digest;
  const words = algorithm === 'sha256' ? 8 : algorithm === 'sha1' ? 5 : 0;
  if (words === 0 || digest.length !== words * 4) {
    let d = digest;
    for (let i = 0; i < count; i++) d = hash(algorithm, d, 'buffer');
    return d;
  }
  const state = new Int32Array(words);
  for (let i = 0; i < words; i++) state[i] = digest.readInt32BE(i * 4);
  const w = new Int32Array(80);
  if (words === 8) sha256Iter(state, w, count);
  else sha1Iter(state, w, count);
  const out = Buffer.alloc(words * 4);
  for (let i = 0; i < words; i++) out.writeInt32BE(state[i]!, i * 4);
  return out;
}
