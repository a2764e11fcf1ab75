/**
 * PAdES B-LTA: a document timestamp (ISO 32000-2 §12.8.5, ETSI EN 319 142-1 §5.4.3). One
 * incremental update adds an invisible signature field on the first page whose value is a
 * `/Type /DocTimeStamp /SubFilter /ETSI.RFC3161` dictionary; its /Contents is an RFC 3161 token
 * over the SHA-256 of the byte ranges, that is the whole file but the /Contents hole. It proves
 * that everything before it (signatures, their timestamps, the /DSS) existed at its time, and
 * is renewed by a later one before its own TSA certificate expires (« Prolonger la validité »).
 * The verifier's whitelist allows exactly this update, certified document (P=2) included.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { PdfFile } from '../pdf/file';
import { findSignatureFields } from '../pdf/fields';
import { dict, name, PdfDict, PdfRef, PdfString, serialize, type PdfValue } from '../pdf/objects';
import { body, buildUpdate, type PendingObject } from '../pdf/writer';
import { TIMESTAMP_RESERVE, type SignatureTimestamp } from './signature-timestamp';
import { requestTimestamp, type TsaOptions } from './tsa-client';

/** What a document timestamp added. */
export interface DocumentTimestampOutcome {
  /** The whole file: the input unchanged, then the update. */
  readonly chunks: Buffer[];
  readonly timestamp: SignatureTimestamp;
  readonly fieldName: string;
  /** The TSA's certificate first, then the others the token carries (for the next /DSS). */
  readonly tsaChain: X509Certificate[];
}

/** Name of the n-th document timestamp field (« Horodatage du document 2 »). */
const FIELD_PREFIX = 'Horodatage du document';

/** Field flags of the widget: Print (4) and Locked (128); with an empty /Rect it draws nothing. */
const WIDGET_FLAGS = 132;

/**
 * The update that adds a document timestamp field to `pdf`, with room for the token, its byte
 * ranges already written; the token is written by {@link addDocumentTimestamp}.
 */
function prepare(pdf: Buffer, also?: ReadonlyMap<number, PdfValue>): { update: Buffer; fieldName: string; hole: readonly [number, number] } {
  const file = PdfFile.open(pdf);
  const catalogRef = file.trailer.get('Root');
  const catalog = file.catalog();
  if (!(catalogRef instanceof PdfRef) || !catalog) throw new UserError('PDF_UNREADABLE', 'Ce PDF n’a pas de catalogue lisible. Demandez une nouvelle copie du fichier.');
  const page = file.pages()[0];
  if (!page) throw new UserError('PDF_UNREADABLE', 'Ce PDF n’a aucune page. Demandez une nouvelle copie du fichier.');
  const taken = new Set(findSignatureFields(file).map((f) => f.name));
  let n = 1;
  while (taken.has(`${FIELD_PREFIX} ${n}`)) n++;
  const fieldName = `${FIELD_PREFIX} ${n}`;

  let next = file.size();
  const fieldNum = next++;
  const sigNum = next++;
  const fieldRef = new PdfRef(fieldNum, 0);
  const changed = new Map<number, PdfValue>();
  const gen = (num: number) => {
    const e = file.entries.get(num);
    return e?.type === 'offset' ? e.gen : 0;
  };

  changed.set(fieldNum, dict({
    FT: name('Sig'), T: PdfString.fromText(fieldName), Type: name('Annot'), Subtype: name('Widget'),
    Rect: [0, 0, 0, 0], F: WIDGET_FLAGS, P: page.ref, V: new PdfRef(sigNum, 0),
  }));
  // The page's /Annots (its own array object, or inline in the page).
  const annots = page.dict.get('Annots');
  if (annots instanceof PdfRef) {
    const arr = file.resolve(annots);
    changed.set(annots.num, [...(Array.isArray(arr) ? arr : []), fieldRef]);
  } else changed.set(page.ref.num, page.dict.clone().set('Annots', [...(Array.isArray(annots) ? annots : []), fieldRef]));
  // The AcroForm's /Fields (its own object, or inline in the catalog: then made an object).
  const acroRef = catalog.get('AcroForm');
  const acroForm = acroRef instanceof PdfRef ? (file.dict(acroRef)?.clone() ?? new PdfDict()) : acroRef instanceof PdfDict ? acroRef.clone() : dict({ Fields: [] });
  const fields = acroForm.get('Fields');
  if (fields instanceof PdfRef) {
    const arr = file.resolve(fields);
    changed.set(fields.num, [...(Array.isArray(arr) ? arr : []), fieldRef]);
  } else acroForm.set('Fields', [...(Array.isArray(fields) ? fields : []), fieldRef]);
  acroForm.set('SigFlags', 3);
  if (acroRef instanceof PdfRef) changed.set(acroRef.num, acroForm);
  else {
    const acroNum = next++;
    changed.set(acroNum, acroForm);
    changed.set(catalogRef.num, catalog.clone().set('AcroForm', new PdfRef(acroNum, 0)));
  }

  for (const [num, value] of also ?? []) changed.set(num, value);
  const objects: PendingObject[] = [...changed].map(([num, value]) => body(num, value, num === fieldNum ? 0 : gen(num)));
  const head = serialize(dict({ Type: name('DocTimeStamp'), Filter: name('Adobe.PPKLite'), SubFilter: name('ETSI.RFC3161') })).toString('latin1').replace(/>>$/, '');
  const slot = ' '.repeat(34);
  const sigText = `${head}/ByteRange [0${slot}]/Contents <${'0'.repeat(TIMESTAMP_RESERVE * 2)}>>>`;
  objects.push({ num: sigNum, gen: 0, body: Buffer.from(sigText, 'latin1') });

  const update = buildUpdate(file, objects);
  const base = pdf.length;
  const sigStart = update.bodyOffsets.get(sigNum)!;
  const a = sigStart + sigText.indexOf('/Contents <') + '/Contents '.length;
  const b = a + TIMESTAMP_RESERVE * 2 + 2;
  const total = base + update.bytes.length;
  update.bytes.write(` ${a} ${b} ${total - b}`.padEnd(slot.length, ' '), sigStart + head.length + '/ByteRange [0'.length - base, 'latin1');
  return { update: update.bytes, fieldName, hole: [a, b] };
}

/**
 * Adds a document timestamp from `tsa` to `pdf` (checked like any token: imprint, nonce, TSA
 * certificate and its chain against `trustAnchors`). Throws a French UserError when the TSA
 * answers badly: nothing is to be written then. `test.alsoWrite`: more objects in the same
 * update, only for the verifier's tests (the update an attacker would make).
 */
export async function addDocumentTimestamp(pdf: Buffer, tsa: TsaOptions, trustAnchors: readonly X509Certificate[], test?: { readonly alsoWrite?: ReadonlyMap<number, PdfValue> }): Promise<DocumentTimestampOutcome> {
  const { update, fieldName, hole } = prepare(pdf, test?.alsoWrite);
  const [a, b] = hole;
  const base = pdf.length;
  const digest = createHash('sha256').update(pdf).update(update.subarray(0, a - base)).update(update.subarray(b - base)).digest();
  const granted = await requestTimestamp({ sha256: digest }, tsa, trustAnchors, 'le document n’a pas été horodaté');
  if (granted.token.length > TIMESTAMP_RESERVE) {
    throw new UserError('TSA_TOKEN_TOO_LARGE', `Le jeton d’horodatage de ${tsa.url} (${granted.token.length} octets) dépasse la place réservée dans le PDF. Signalez-le à l’équipe Paraphe.`);
  }
  update.write(granted.token.toString('hex'), a + 1 - base, 'latin1');
  const tsaCert = granted.check.tsaCertificate;
  const tsaChain = tsaCert ? [tsaCert, ...granted.check.certificates.filter((c) => c !== tsaCert)] : [...granted.check.certificates];
  return { chunks: [pdf, update], timestamp: { time: granted.check.time.toISOString(), authority: granted.check.authority }, fieldName, tsaChain };
}
