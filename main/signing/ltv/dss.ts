/**
 * The Document Security Store (PAdES, ISO 32000-2 §12.8.4.3): the validation data of the
 * document's signatures (certificates, OCSP responses, CRLs) as streams listed by a /DSS
 * dictionary of the catalog, written in an incremental update after the signature, and read
 * back by the verifier offline. The verifier's whitelist allows exactly this update: the
 * catalog's /DSS key and new objects nothing else refers to.
 */
import { PdfFile } from '../pdf/file';
import { dict, name, PdfDict, PdfRef, PdfStream, type PdfValue } from '../pdf/objects';
import { decodeStream } from '../pdf/streams';
import { body, buildUpdate, type PendingObject } from '../pdf/writer';

/** What a /DSS holds, decoded. */
export interface DssContents {
  readonly certs: Buffer[];
  readonly ocsps: Buffer[];
  readonly crls: Buffer[];
}

/** A DSS of a few signatures holds dozens of items, never thousands. */
const MAX_DSS_ITEMS = 500;

const KEYS = { certs: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;

/**
 * The incremental update that adds `data` to the document's /DSS (created if absent; the
 * items already there are kept, identical bytes are not written twice). Returns the chunks
 * of the whole file: `pdf` unchanged, then the update.
 */
export function appendDss(pdf: Buffer, data: DssContents): Buffer[] {
  const file = PdfFile.open(pdf);
  const rootRef = file.trailer.get('Root');
  const catalog = file.catalog();
  if (!(rootRef instanceof PdfRef) || !catalog) throw new Error('catalogue introuvable');
  const old = file.dict(catalog.get('DSS'));
  const existing = old ? readDssFrom(file, old) : { certs: [], ocsps: [], crls: [] };
  let next = file.size();
  const objects: PendingObject[] = [];
  const dss = new PdfDict();
  dss.set('Type', name('DSS'));
  for (const key of ['certs', 'ocsps', 'crls'] as const) {
    const refs: PdfValue[] = [];
    const before = old ? file.resolve(old.get(KEYS[key])) : undefined;
    if (Array.isArray(before)) refs.push(...before.filter((r) => r instanceof PdfRef));
    const written: Buffer[] = [...existing[key]];
    for (const item of data[key]) {
      if (written.some((w) => w.equals(item))) continue;
      written.push(item);
      const num = next++;
      objects.push(body(num, new PdfStream(dict({}), item)));
      refs.push(new PdfRef(num, 0));
    }
    if (refs.length > 0) dss.set(KEYS[key], refs);
  }
  const dssNum = next++;
  objects.push(body(dssNum, dss));
  objects.push(body(rootRef.num, catalog.clone().set('DSS', new PdfRef(dssNum, 0)), rootRef.gen));
  const update = buildUpdate(file, objects);
  return [pdf, update.bytes];
}

function readDssFrom(file: PdfFile, dss: PdfDict): DssContents {
  const out: DssContents = { certs: [], ocsps: [], crls: [] };
  let count = 0;
  for (const key of ['certs', 'ocsps', 'crls'] as const) {
    const list = file.resolve(dss.get(KEYS[key]));
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (++count > MAX_DSS_ITEMS) throw new Error(`plus de ${MAX_DSS_ITEMS} éléments dans /DSS`);
      const s = file.resolve(item);
      if (s instanceof PdfStream) out[key].push(decodeStream(s, (v) => file.resolve(v)));
    }
  }
  return out;
}

/** The decoded contents of the document's /DSS (empty lists when it has none). */
export function readDss(file: PdfFile): DssContents {
  const dss = file.dict(file.catalog()?.get('DSS'));
  return dss ? readDssFrom(file, dss) : { certs: [], ocsps: [], crls: [] };
}
