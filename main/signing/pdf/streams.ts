/**
 * Stream decoding for what the signer and verifier must read (xref and object streams):
 * Flate with PNG predictors. Output is capped per stream and per file (a few KB of Flate can
 * inflate to gigabytes), and each decoded stream is kept with the file's bytes, so that
 * opening the same file again (each earlier revision is a prefix of it) inflates nothing twice.
 */
import { constants, inflateSync } from 'node:zlib';
import { count, isCount, LIMITS, tooComplex } from './limits';
import { PdfDict, PdfName, serialize, type PdfStream, type PdfValue } from './objects';
import { PdfSyntaxError } from './parser';

/** Decoded streams of one file's memory, by where their raw data starts, and their total size. */
interface Decoded {
  total: number;
  readonly byOffset: Map<number, { readonly key: string; readonly raw: Buffer; readonly data: Buffer }>;
}
const decodedByFile = new WeakMap<ArrayBufferLike, Decoded>();

function unpredict(data: Buffer, parms: PdfDict | undefined): Buffer {
  const predictor = parms?.get('Predictor') ?? 1;
  if (predictor === 1) return data;
  if (!isCount(predictor, 15) || predictor < 10) throw new PdfSyntaxError('Prédicteur TIFF ou inconnu non pris en charge');
  const colors = parms?.get('Colors') ?? 1;
  const bpc = (parms?.get('BitsPerComponent') ?? 8) as number;
  const columns = parms?.get('Columns') ?? 1;
  if (!isCount(colors, 32) || colors === 0 || ![1, 2, 4, 8, 16].includes(bpc as number) || !isCount(columns, 1 << 24) || columns === 0) {
    throw new PdfSyntaxError('/DecodeParms invalide (/Colors, /BitsPerComponent ou /Columns)');
  }
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const rowLen = Math.ceil((colors * bpc * columns) / 8);
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = Buffer.alloc(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)]!;
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const raw = data[src + i]!;
      const left = i >= bpp ? out[dst + i - bpp]! : 0;
      const up = r > 0 ? out[dst - rowLen + i]! : 0;
      const upLeft = r > 0 && i >= bpp ? out[dst - rowLen + i - bpp]! : 0;
      let v: number;
      switch (type) {
        case 0: v = raw; break;
        case 1: v = raw + left; break;
        case 2: v = raw + up; break;
        case 3: v = raw + ((left + up) >> 1); break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
          v = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
          break;
        }
        default: throw new PdfSyntaxError('Prédicteur PNG inconnu');
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

/** Decoded bytes of a stream; throws on filters the signer has no need to understand. */
export function decodeStream(s: PdfStream, resolve: (v: PdfValue | undefined) => PdfValue | undefined = (v) => v): Buffer {
  const f = resolve(s.dict.get('Filter'));
  const filters = f === undefined || f === null ? [] : Array.isArray(f) ? f : [f];
  if (filters.length > LIMITS.maxFilters) throw tooComplex(`${filters.length} filtres enchaînés sur un même flux`);
  const p = resolve(s.dict.get('DecodeParms'));
  const parmsList = (Array.isArray(p) ? p : [p]).map((x) => resolve(x ?? undefined));
  const raw = Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  if (filters.length === 0) return raw;
  // The same bytes decoded the same way give the same result: reuse it (checked byte for
  // byte, so that a buffer changed in place is decoded again).
  const key = filters.map((x) => (x instanceof PdfName ? x.name : '?')).join(' ') + '|' + parmsList.map((x) => (x === undefined ? '' : serialize(x).toString('latin1'))).join(' ');
  let file = decodedByFile.get(s.data.buffer);
  const known = file?.byOffset.get(s.data.byteOffset);
  if (known && known.key === key && known.raw.equals(raw)) return known.data;
  let data = raw;
  filters.forEach((fl, i) => {
    const fname = fl instanceof PdfName ? fl.name : '';
    if (fname !== 'FlateDecode' && fname !== 'Fl') throw new PdfSyntaxError(`Filtre ${fname} non pris en charge ici`);
    data = inflate(data);
    const parms = parmsList[i];
    data = unpredict(data, parms instanceof PdfDict ? parms : undefined);
  });
  if (!file) decodedByFile.set(s.data.buffer, (file = { total: 0, byOffset: new Map() }));
  if (known) file.total -= known.data.length;
  if (file.total + data.length > LIMITS.maxDecodedBytesPerFile) {
    throw tooComplex(`plus de ${count(LIMITS.maxDecodedBytesPerFile / 1024 / 1024)} Mo de flux compressés à décompresser`);
  }
  file.total += data.length;
  file.byOffset.set(s.data.byteOffset, { key, raw: Buffer.from(raw), data });
  return data;
}

function inflate(data: Buffer): Buffer {
  try {
    return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: LIMITS.maxStreamBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) {
      throw tooComplex(`un flux compressé qui dépasse ${count(LIMITS.maxStreamBytes / 1024 / 1024)} Mo une fois décompressé`);
    }
    throw new PdfSyntaxError(`Flux compressé illisible (${e instanceof Error ? e.message : String(e)})`);
  }
}
