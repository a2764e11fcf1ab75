/** Stream decoding for what the signer and verifier must read: Flate with PNG/TIFF-less predictors. */
import { constants, inflateSync } from 'node:zlib';
import { PdfDict, PdfName, type PdfStream, type PdfValue } from './objects';
import { PdfSyntaxError } from './parser';

function unpredict(data: Buffer, parms: PdfDict | undefined): Buffer {
  const predictor = typeof parms?.get('Predictor') === 'number' ? (parms.get('Predictor') as number) : 1;
  if (predictor === 1) return data;
  if (predictor < 10) throw new PdfSyntaxError('Prédicteur TIFF non pris en charge');
  const colors = (parms?.get('Colors') as number | undefined) ?? 1;
  const bpc = (parms?.get('BitsPerComponent') as number | undefined) ?? 8;
  const columns = (parms?.get('Columns') as number | undefined) ?? 1;
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
  const p = resolve(s.dict.get('DecodeParms'));
  const parmsList = Array.isArray(p) ? p : [p];
  let data = Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  filters.forEach((fl, i) => {
    const fname = fl instanceof PdfName ? fl.name : '';
    if (fname !== 'FlateDecode' && fname !== 'Fl') throw new PdfSyntaxError(`Filtre ${fname} non pris en charge ici`);
    data = inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
    const parms = resolve(parmsList[i] ?? undefined);
    data = unpredict(data, parms instanceof PdfDict ? parms : undefined);
  });
  return data;
}
