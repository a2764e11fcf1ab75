/**
 * The Document Security Store (PAdES, ISO 32000-2 §12.8.4.3): the validation data of the
 * document's signatures (certificates, OCSP responses, CRLs) as streams listed by a /DSS
 * dictionary of the catalog, written in an incremental update after the signature, and read
 * back by the verifier offline. The verifier's whitelist allows exactly this update: the
 * catalog's /DSS key and new objects nothing else refers to.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { PdfFile } from '../pdf/file';
import { dict, name, PdfDict, PdfRef, PdfStream, type PdfValue } from '../pdf/objects';
import { decodeStream } from '../pdf/streams';
import { body, buildUpdate, type PendingObject } from '../pdf/writer';
import { checkCrl, checkOcspResponse } from './revocation';

/** What a /DSS holds, decoded. */
export interface DssContents {
  readonly certs: Buffer[];
  readonly ocsps: Buffer[];
  readonly crls: Buffer[];
}

/** A DSS of a few signatures holds dozens of items, never thousands. */
const MAX_DSS_ITEMS = 500;

const KEYS = { certs: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;

/** The validation data of one signature, for its /VRI entry. */
export interface VriEntry {
  /** The uppercase hex SHA-1 of the signature's /Contents bytes (as stored, padding included). */
  readonly key: string;
  readonly data: DssContents;
}

/** VRI keys are 40 uppercase hex digits: anything else is not written. */
const VRI_KEY = /^[0-9A-F]{40}$/;

/** The /VRI key of a signature: the uppercase hex SHA-1 of its /Contents bytes as stored. */
export function vriKey(contents: Buffer): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

/** The OCSP responses and CRLs of `data` that speak of a certificate of `chain` (issuer after subject), and the chain. */
export function dataFor(chain: readonly X509Certificate[], data: Pick<DssContents, 'ocsps' | 'crls'>): DssContents {
  const pairs = chain.slice(0, -1).map((c, i) => [c, chain[i + 1]!] as const);
  const speaks = (check: (der: Buffer, c: X509Certificate, i: X509Certificate) => unknown) => (der: Buffer) => pairs.some(([c, i]) => {
    try {
      check(der, c, i);
      return true;
    } catch {
      return false;
    }
  });
  return { certs: chain.map((c) => c.raw), ocsps: data.ocsps.filter(speaks(checkOcspResponse)), crls: data.crls.filter(speaks(checkCrl)) };
}

/**
 * The /VRI entry of the signature whose /Contents (as stored, zero padding included) is
 * `contents`: the certificates of `chains` (the signer's, its timestamps' TSAs') and the items
 * of `data` that speak of them, each once.
 */
export function vriEntryFor(contents: Buffer, chains: ReadonlyArray<readonly X509Certificate[]>, data: Pick<DssContents, 'ocsps' | 'crls'>): VriEntry {
  const own: DssContents = { certs: [], ocsps: [], crls: [] };
  for (const chain of chains) {
    const mine = dataFor(chain, data);
    for (const key of ['certs', 'ocsps', 'crls'] as const) {
      for (const item of mine[key]) if (!own[key].some((b) => b.equals(item))) own[key].push(item);
    }
  }
  return { key: vriKey(contents), data: own };
}

/**
 * The incremental update that adds `data` to the document's /DSS (created if absent; the
 * items already there are kept, identical bytes are not written twice), and a /VRI entry per
 * signature in `vri` naming the items that concern it (entries of an earlier DSS are kept,
 * those of the same key replaced). Returns the chunks of the whole file: `pdf` unchanged,
 * then the update.
 */
export function appendDss(pdf: Buffer, data: DssContents, vri: readonly VriEntry[] = []): Buffer[] {
  const file = PdfFile.open(pdf);
  const rootRef = file.trailer.get('Root');
  const catalog = file.catalog();
  if (!(rootRef instanceof PdfRef) || !catalog) throw new Error('catalogue introuvable');
  const old = file.dict(catalog.get('DSS'));
  let next = file.size();
  const objects: PendingObject[] = [];
  const dss = new PdfDict();
  dss.set('Type', name('DSS'));
  const refOf = { certs: [], ocsps: [], crls: [] } as Record<keyof DssContents, Array<{ bytes: Buffer; ref: PdfRef }>>;
  let count = 0;
  for (const key of ['certs', 'ocsps', 'crls'] as const) {
    const refs: PdfValue[] = [];
    const before = old ? file.resolve(old.get(KEYS[key])) : undefined;
    for (const r of Array.isArray(before) ? before : []) {
      if (!(r instanceof PdfRef)) continue;
      if (++count > MAX_DSS_ITEMS) throw new Error(`plus de ${MAX_DSS_ITEMS} éléments dans /DSS`);
      refs.push(r);
      const s = file.resolve(r);
      if (s instanceof PdfStream) refOf[key].push({ bytes: decodeStream(s, (v) => file.resolve(v)), ref: r });
    }
    const wanted = [...data[key], ...vri.flatMap((v) => v.data[key])];
    for (const item of wanted) {
      if (refOf[key].some((w) => w.bytes.equals(item))) continue;
      const ref = new PdfRef(next++, 0);
      objects.push(body(ref.num, new PdfStream(dict({}), item)));
      refOf[key].push({ bytes: item, ref });
      refs.push(ref);
    }
    if (refs.length > 0) dss.set(KEYS[key], refs);
  }
  const oldVri = old ? file.dict(old.get('VRI')) : undefined;
  const vriDict = oldVri ? oldVri.clone() : new PdfDict();
  for (const v of vri) {
    if (!VRI_KEY.test(v.key)) throw new Error(`clé /VRI invalide : ${v.key}`);
    const refsFor = (key: keyof DssContents) => {
      const found = v.data[key].map((b) => refOf[key].find((w) => w.bytes.equals(b))!.ref);
      return found.length > 0 ? found : undefined;
    };
    vriDict.set(v.key, dict({ Cert: refsFor('certs'), OCSP: refsFor('ocsps'), CRL: refsFor('crls') }));
  }
  if (vriDict.map.size > 0) dss.set('VRI', vriDict);
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
