/**
 * Minimal DER reader and writer. We parse CMS, X.509 and PKCS#12 ourselves so that the
 * verifier works on the exact bytes that were signed (re-encoding through a library could
 * silently "repair" them) and so that signing never waits on pure-JavaScript crypto.
 */

/** One parsed DER element, pointing into the original buffer. */
export interface DerNode {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just after the last content byte. */
  readonly contentEnd: number;
  /** Offset just after the element (after the end-of-contents octets of a BER indefinite length). */
  readonly end: number;
  readonly bytes: Buffer;
}

/** Thrown on any malformed DER: callers turn it into a user-facing error. */
export class DerError extends Error {}

/**
 * Parses the element starting at `offset`. BER indefinite lengths are accepted for
 * constructed elements because NSS (pdfsig, Firefox) writes its CMS that way.
 */
export function parseDer(bytes: Buffer, offset = 0, limit = bytes.length, depth = 0): DerNode {
  if (offset + 2 > limit) throw new DerError('DER tronqué');
  if (depth > 64) throw new DerError('DER trop imbriqué');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('Étiquette DER longue non prise en charge');
  let pos = offset + 1;
  let len = bytes[pos++]!;
  if (len === 0x80) {
    if (!(tag & 0x20)) throw new DerError('Longueur indéfinie sur un élément primitif');
    const contentStart = pos;
    while (!(bytes[pos] === 0 && bytes[pos + 1] === 0)) {
      if (pos + 2 > limit) throw new DerError('DER tronqué (fin de contenu absente)');
      pos = parseDer(bytes, pos, limit, depth + 1).end;
    }
    return { tag, start: offset, contentStart, contentEnd: pos, end: pos + 2, bytes };
  }
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new DerError('Longueur DER non définie ou trop grande');
    if (pos + n > limit) throw new DerError('DER tronqué');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[pos++]!;
  }
  if (pos + len > limit) throw new DerError('DER tronqué');
  return { tag, start: offset, contentStart: pos, contentEnd: pos + len, end: pos + len, bytes };
}

/** The children of a constructed element. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let pos = node.contentStart;
  while (pos < node.contentEnd) {
    const child = parseDer(node.bytes, pos, node.contentEnd);
    out.push(child);
    pos = child.end;
  }
  return out;
}

/** Content bytes (a view, not a copy). */
export function content(node: DerNode): Buffer {
  return node.bytes.subarray(node.contentStart, node.contentEnd);
}

/** Bytes of an OCTET STRING (or [n] IMPLICIT one), also when BER splits it into chunks. */
export function octetBytes(node: DerNode, depth = 0): Buffer {
  if (!(node.tag & 0x20)) return content(node);
  if (depth > 8) throw new DerError('Chaîne d’octets BER trop fragmentée');
  return Buffer.concat(children(node).map((c) => octetBytes(c, depth + 1)));
}

/** The whole element, header included (a view). */
export function raw(node: DerNode): Buffer {
  return node.bytes.subarray(node.start, node.end);
}

/** Child `i`, or a DerError saying the structure is not as expected. */
export function child(node: DerNode, i: number, expectedTag?: number): DerNode {
  const c = children(node)[i];
  if (!c) throw new DerError(`Élément DER ${i} absent`);
  if (expectedTag !== undefined && c.tag !== expectedTag) {
    throw new DerError(`Élément DER ${i} : étiquette 0x${c.tag.toString(16)} au lieu de 0x${expectedTag.toString(16)}`);
  }
  return c;
}

/** Decodes an OBJECT IDENTIFIER element to dotted form. */
export function readOid(node: DerNode): string {
  if (node.tag !== 0x06) throw new DerError('OID attendu');
  const b = content(node);
  if (b.length === 0) throw new DerError('OID vide');
  const parts: number[] = [];
  const first = b[0]!;
  parts.push(first < 80 ? Math.floor(first / 40) : 2, first < 80 ? first % 40 : first - 80);
  let v = 0;
  for (let i = 1; i < b.length; i++) {
    v = v * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** Decodes a small INTEGER (iteration counts, versions). */
export function readSmallInt(node: DerNode): number {
  if (node.tag !== 0x02) throw new DerError('Entier attendu');
  const b = content(node);
  if (b.length > 6) throw new DerError('Entier trop grand');
  let v = 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

// ---- writing -------------------------------------------------------------------------

function header(tag: number, len: number): Buffer {
  if (len < 0x80) return Buffer.from([tag, len]);
  const bytes: number[] = [];
  for (let l = len; l > 0; l = Math.floor(l / 256)) bytes.unshift(l & 0xff);
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}

/** Encodes one element from its content. */
export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([header(tag, body.length), body]);
}

/** SEQUENCE */
export const seq = (...parts: Buffer[]): Buffer => tlv(0x30, ...parts);
/** SET (the caller sorts members when DER ordering matters). */
export const set = (...parts: Buffer[]): Buffer => tlv(0x31, ...parts);
/** OCTET STRING */
export const octets = (b: Buffer): Buffer => tlv(0x04, b);
/** NULL */
export const derNull = (): Buffer => Buffer.from([0x05, 0x00]);
/** Context-specific constructed [n]. */
export const ctx = (n: number, ...parts: Buffer[]): Buffer => tlv(0xa0 | n, ...parts);

/** INTEGER from a small non-negative number. */
export function int(n: number): Buffer {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}

/** OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [];
    let v = p;
    do {
      chunk.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i]! |= 0x80;
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}

/** SET OF with members sorted by their encoding, as DER requires. */
export function setOf(members: Buffer[]): Buffer {
  return set(...[...members].sort(Buffer.compare));
}
