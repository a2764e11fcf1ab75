/**
 * Signs a PDF: fills the signatory's pre-placed field (or adds one on the last page of a PDF
 * made elsewhere), draws the stamp, and appends everything as one incremental update whose
 * /Contents holds a PAdES B-B CMS over the rest of the file.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../../shared/errors';
import { pdfDate, stampAppearance, stampDate, type StampFace, type StampLine } from './appearance';
import type { StampFont } from './stamp-font';
import { TEST_IDENTITY_OU } from './test-identity';
import { sameSigner } from '../../shared/rules/signer-name';
import { allowsSigning, describeCertificate, validAt, weakKey } from './crypto/certificate';
import { buildCms, cmsSizeBound, type Signer } from './crypto/cms';
import { PdfFile } from './pdf/file';
import { PdfSyntaxError } from './pdf/parser';
import { certificationLevel, findSignatureFields, type SignatureField } from './pdf/fields';
import { dict, name, PdfDict, PdfName, PdfRef, PdfString, serialize, type PdfValue } from './pdf/objects';
import { body, buildUpdate, type PendingObject } from './pdf/writer';

/** What to sign and how. */
export interface SignRequest {
  readonly pdf: Buffer;
  readonly signer: Signer;
  /** 1-based signing order, or (part of) the signatory's name / the field name. */
  readonly signatory?: number | string;
  /**
   * Certify (DocMDP P=2: only form filling and signing allowed afterwards). Defaults to true
   * for the first signature of a PDF whose fields Paraphe placed, false otherwise.
   */
  readonly certify?: boolean;
  readonly reason?: string;
  readonly location?: string;
  readonly now?: Date;
  /** Embedded Marianne for the stamp ({@link loadStampFont}); the standard Helvetica otherwise. */
  readonly font?: StampFont;
  /** Told where signing stands: bytes hashed of the total, then the signature computed. */
  readonly onProgress?: (progress: SignProgress) => void;
  /**
   * Refuse a field that an earlier signature locks (/Lock, FieldMDP): true by default. Only
   * the verifier's tests turn it off, to build the file a careless signer would make.
   */
  readonly respectLocks?: boolean;
  /** Where a new field goes on the last page of a PDF made elsewhere (default: bottom right, 220 × 64). */
  readonly newFieldRect?: readonly [number, number, number, number];
  /**
   * Extra bytes kept free in /Contents for unsigned attributes added after signing (a
   * signature timestamp: {@link TIMESTAMP_RESERVE}). None by default: B-B bytes are unchanged.
   */
  readonly reserve?: number;
}

/** Where a signature stands: `hash` (bytes `done` of `total`), then `sign` (the CMS). */
export interface SignProgress {
  readonly phase: 'hash' | 'sign';
  readonly done: number;
  readonly total: number;
}

/** Bytes hashed between two progress reports (a 50 MB file: 50 reports). */
const HASH_SLICE = 1024 * 1024;

/** The signed file (as chunks, to write without copying big files) and what was done. */
export interface SignOutcome {
  readonly chunks: readonly Buffer[];
  readonly length: number;
  readonly fieldName: string;
  readonly order?: number;
  readonly signerName: string;
  /**
   * The signatory the field was placed for, when the certificate is in another name (a delegate,
   * an interim, or the wrong identity): the stamp says « pour … »; the CLI and the app say it too.
   */
  readonly onBehalfOf?: string;
  readonly certified: boolean;
  readonly newField: boolean;
  readonly signedAt: string;
  /** Where the CMS sits in the file: offset of its first hex digit, and the hex digits available. */
  readonly contents: { readonly offset: number; readonly hexLength: number };
}

const normalize = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();

function fieldTitle(f: SignatureField): string {
  return f.signatory?.name ? `${f.order ?? f.position} (${f.signatory.name})` : `« ${f.name} »`;
}

/** Picks the field to fill and enforces the signing order. */
function chooseField(fields: readonly SignatureField[], wanted: number | string | undefined): SignatureField | undefined {
  let target: SignatureField | undefined;
  if (wanted === undefined) {
    const empty = fields.filter((f) => f.value === undefined);
    target = empty.filter((f) => f.order !== undefined).sort((a, b) => a.order! - b.order!)[0] ?? empty[0];
    if (!target) return undefined;
  } else if (typeof wanted === 'number') {
    target = fields.find((f) => f.order === wanted) ?? fields.find((f) => f.order === undefined && f.position === wanted);
    if (!target) throw new UserError('SIGN_NO_FIELD', `Ce PDF n’a pas de champ de signature n°${wanted}. Vérifiez le numéro du signataire (1 pour le premier).`);
  } else {
    const w = normalize(wanted);
    const matches = fields.filter((f) => [f.name, f.signatory?.name, f.label].some((x) => x !== undefined && normalize(x).includes(w)));
    if (matches.length === 0) throw new UserError('SIGN_NO_FIELD', `Aucun champ de signature ne correspond à « ${wanted} ». Indiquez le numéro du signataire ou son nom tel qu’il figure sur le PDF.`);
    if (matches.length > 1) throw new UserError('SIGN_AMBIGUOUS', `Plusieurs champs de signature correspondent à « ${wanted} » : précisez le numéro du signataire.`);
    target = matches[0]!;
  }
  if (target.value !== undefined) {
    throw new UserError('SIGN_ALREADY_SIGNED', `Le champ de signature ${fieldTitle(target)} est déjà signé. Choisissez le signataire suivant.`);
  }
  if (target.order !== undefined) {
    const before = fields.filter((f) => f.order !== undefined && f.order < target!.order! && f.value === undefined).sort((a, b) => a.order! - b.order!);
    if (before.length > 0) {
      throw new UserError('SIGN_ORDER', `La signature ${fieldTitle(before[0]!)} doit être apposée avant la signature ${fieldTitle(target)}. Faites d’abord signer les signataires précédents, dans l’ordre.`);
    }
  }
  return target;
}

/** Refuses to fill a field that a signature already made has locked (its /Lock, FieldMDP). */
function refuseLocked(file: PdfFile, fields: readonly SignatureField[], target: SignatureField): void {
  for (const f of fields) {
    if (f.value === undefined) continue;
    const lock = file.dict(f.dict.get('Lock'));
    const action = lock?.name('Action');
    const listed = file.resolve(lock?.get('Fields'));
    const names = Array.isArray(listed) ? listed.filter((x): x is PdfString => x instanceof PdfString).map((x) => x.text()) : [];
    const locked = action === 'All' || (action === 'Include' && names.includes(target.name)) || (action === 'Exclude' && !names.includes(target.name));
    if (locked) {
      throw new UserError('SIGN_FIELD_LOCKED', `La signature ${fieldTitle(f)} verrouille le champ ${fieldTitle(target)} : il ne peut plus être signé sans invalider ce qui a été signé. Demandez à l’auteur du document une nouvelle version.`);
    }
  }
}

function checkCertificate(signer: Signer, now: Date): { name: string; isTest: boolean } {
  const info = describeCertificate(signer.certificate);
  if (now.getTime() < new Date(info.notBefore).getTime()) {
    throw new UserError('CERT_NOT_YET_VALID', `Le certificat de ${info.commonName} n’est valable qu’à partir du ${info.notBefore.slice(0, 10)} : signez à partir de cette date ou utilisez un autre certificat.`);
  }
  if (!validAt(signer.certificate, now)) {
    throw new UserError('CERT_EXPIRED', `Le certificat de ${info.commonName} a expiré le ${info.notAfter.slice(0, 10)} : demandez un nouveau certificat à votre autorité de certification.`);
  }
  if (!allowsSigning(signer.certificate)) {
    throw new UserError('CERT_USAGE', `Le certificat de ${info.commonName} n’est pas autorisé à signer (usage de clé limité au chiffrement) : utilisez votre certificat de signature.`);
  }
  const short = weakKey(signer.certificate);
  if (short) {
    throw new UserError('CERT_WEAK_KEY', `Signature impossible : ${short}. Une telle signature ne serait reconnue valide par aucun vérificateur à jour : demandez un certificat conforme à votre autorité de certification.`);
  }
  return { name: info.commonName, isTest: info.selfSigned && info.subject.includes(`OU=${TEST_IDENTITY_OU}`) };
}

/** Signs `req.pdf`; throws UserError for anything the user can fix. */
export function signPdf(req: SignRequest): SignOutcome {
  try {
    return signInner(req);
  } catch (e) {
    // RangeError: what a crafted file can still cause (stack, array or buffer sizes).
    if (e instanceof PdfSyntaxError || e instanceof RangeError) {
      throw new UserError('PDF_UNREADABLE', 'Ce PDF est endommagé : une partie de sa structure est illisible. Demandez une nouvelle copie du fichier.', { cause: e.message });
    }
    throw e;
  }
}

function signInner(req: SignRequest): SignOutcome {
  const now = req.now ?? new Date();
  const { name: signerName, isTest } = checkCertificate(req.signer, now);
  const file = PdfFile.open(req.pdf);
  // Bytes after the last %%EOF mean a truncated download or foreign data: signing would
  // seal them into the document, so refuse rather than guess.
  const eof = req.pdf.lastIndexOf('%%EOF', req.pdf.length, 'latin1');
  if (eof < 0 || /[^\s\0]/.test(req.pdf.toString('latin1', eof + 5))) {
    throw new UserError('PDF_UNREADABLE', 'Ce PDF est incomplet ou endommagé (données après la fin du document). Demandez une nouvelle copie du fichier.');
  }
  const catalogRef = file.trailer.get('Root');
  const catalog = file.catalog();
  if (!(catalogRef instanceof PdfRef) || !catalog) throw new UserError('PDF_UNREADABLE', 'Ce PDF n’a pas de catalogue lisible. Demandez une nouvelle copie du fichier.');
  const fields = findSignatureFields(file);
  const level = certificationLevel(file);
  if (level === 1) {
    throw new UserError('SIGN_CERTIFIED_LOCKED', 'Ce PDF a été certifié sans aucune modification permise : une nouvelle signature invaliderait la certification. Demandez à l’auteur une version non verrouillée.');
  }
  const target = chooseField(fields, req.signatory);
  if (target && req.respectLocks !== false) refuseLocked(file, fields, target);
  if (!target && level !== undefined && level < 3) {
    throw new UserError('SIGN_NO_FREE_FIELD', 'Tous les champs de signature de ce PDF certifié sont signés ; la certification interdit d’en ajouter. Le document est complet.');
  }
  const alreadySigned = fields.some((f) => f.value !== undefined);
  const certify = req.certify ?? (!alreadySigned && level === undefined && fields.some((f) => f.signatory !== undefined));
  if (certify && (alreadySigned || level !== undefined)) {
    throw new UserError('SIGN_CERTIFY_LATE', 'Seule la première signature peut certifier le document ; ce PDF est déjà signé. Signez sans certification.');
  }

  let next = file.size();
  const sigNum = next++;
  const apNum = next++;
  const changed = new Map<number, PdfValue>();
  const current = (ref: PdfRef): PdfDict => {
    const v = changed.get(ref.num) ?? file.get(ref.num);
    if (!(v instanceof PdfDict)) throw new UserError('PDF_UNREADABLE', `Objet ${ref.num} illisible dans ce PDF. Demandez une nouvelle copie du fichier.`);
    return v.clone();
  };

  // Where the AcroForm lives: its own object, or inline in the catalog.
  let catalogDict = catalog.clone();
  const acroRef = catalog.get('AcroForm');
  let acroForm = acroRef instanceof PdfRef ? current(acroRef) : acroRef instanceof PdfDict ? acroRef.clone() : dict({ Fields: [] });

  let fieldName: string;
  let order: number | undefined;
  let widgetRect: readonly [number, number, number, number];
  let lines: StampLine[];
  let onBehalfOf: string | undefined;
  const sigRef = new PdfRef(sigNum, 0);
  const apRef = new PdfRef(apNum, 0);
  const date = stampDate(now);
  if (target) {
    fieldName = target.name;
    order = target.order;
    widgetRect = target.rect;
    // The stamp names the certificate's holder: a delegate signing « pour » the expected
    // signatory (as in the seed, Patrick SOULÉ for the DINUM's director) must not appear
    // under someone else's name. The field's name and title are used when they match.
    const expected = target.signatory?.name;
    const same = expected !== undefined && sameSigner(expected, signerName);
    if (expected && !same) onBehalfOf = expected;
    lines = [{ text: `Signature numérique de ${same ? expected : signerName}`, bold: true }];
    if (expected && !same) lines.push({ text: `pour ${expected}` });
    else if (target.signatory?.title) lines.push({ text: target.signatory.title });
    lines.push({ text: `Date : ${date}` });
    const field = current(target.ref).set('V', sigRef);
    const hasBox = widgetRect[2] - widgetRect[0] > 1 && widgetRect[3] - widgetRect[1] > 1;
    if (target.widget.ref.num === target.ref.num) {
      if (hasBox) field.set('AP', dict({ N: apRef }));
      changed.set(target.ref.num, field);
    } else {
      changed.set(target.ref.num, field);
      if (hasBox) changed.set(target.widget.ref.num, current(target.widget.ref).set('AP', dict({ N: apRef })));
    }
  } else {
    // A PDF made elsewhere without a free field: a new visible field on the last page.
    const pages = file.pages();
    const last = pages[pages.length - 1];
    if (!last) throw new UserError('PDF_UNREADABLE', 'Ce PDF n’a aucune page. Demandez une nouvelle copie du fichier.');
    const box = file.resolve(last.dict.get('MediaBox')) ?? [0, 0, 595, 842];
    const mb = Array.isArray(box) ? box.map((x) => (typeof x === 'number' ? x : 0)) : [0, 0, 595, 842];
    const stackIndex = fields.filter((f) => f.page === pages.length && f.name.startsWith('Signature Paraphe')).length;
    const w = 220;
    const h = 64;
    const x = Math.max(mb[0]!, mb[2]! - w - 36);
    const y = mb[1]! + 36 + stackIndex * (h + 8);
    widgetRect = req.newFieldRect ?? [x, y, x + w, y + h];
    fieldName = `Signature Paraphe ${fields.length + 1}`;
    lines = [{ text: `Signature numérique de ${signerName}`, bold: true }, { text: `Date : ${date}` }];
    const fieldNum = next++;
    const fieldRef = new PdfRef(fieldNum, 0);
    changed.set(fieldNum, dict({
      FT: name('Sig'), T: PdfString.fromText(fieldName), Type: name('Annot'), Subtype: name('Widget'),
      Rect: [...widgetRect], P: last.ref, F: 4, V: sigRef, AP: dict({ N: apRef }),
    }));
    const annots = last.dict.get('Annots');
    if (annots instanceof PdfRef) {
      const arr = file.resolve(annots);
      changed.set(annots.num, [...(Array.isArray(arr) ? arr : []), fieldRef]);
    } else {
      changed.set(last.ref.num, current(last.ref).set('Annots', [...(Array.isArray(annots) ? annots : []), fieldRef]));
    }
    const f = acroForm.get('Fields');
    if (f instanceof PdfRef) {
      const arr = file.resolve(f);
      changed.set(f.num, [...(Array.isArray(arr) ? arr : []), fieldRef]);
    } else acroForm.set('Fields', [...(Array.isArray(f) ? f : []), fieldRef]);
  }
  acroForm.set('SigFlags', 3);
  if (acroRef instanceof PdfRef) changed.set(acroRef.num, acroForm);
  else {
    const acroNum = next++;
    changed.set(acroNum, acroForm);
    catalogDict = (changed.get(catalogRef.num) as PdfDict | undefined)?.clone() ?? catalogDict;
    catalogDict.set('AcroForm', new PdfRef(acroNum, 0));
    changed.set(catalogRef.num, catalogDict);
  }
  if (certify) {
    const cat = (changed.get(catalogRef.num) as PdfDict | undefined)?.clone() ?? catalogDict;
    cat.set('Perms', dict({ DocMDP: sigRef }));
    changed.set(catalogRef.num, cat);
  }

  // A rehearsal must never pass for the real thing on paper either.
  if (isTest) lines.push({ text: 'Identité de test, sans valeur juridique', bold: true });
  const objects: PendingObject[] = [];
  const width = widgetRect[2] - widgetRect[0];
  const height = widgetRect[3] - widgetRect[1];
  let face: StampFace | undefined;
  if (req.font) {
    const made = req.font.instantiate(() => next++);
    face = made.face;
    for (const [num, value] of made.objects) objects.push(body(num, value));
  }
  objects.push(body(apNum, stampAppearance(Math.max(width, 1), Math.max(height, 1), lines, face)));
  for (const [num, value] of changed) objects.push(body(num, value, num === sigNum ? 0 : genOf(file, num)));

  // The signature dictionary, with fixed-width room for /ByteRange and /Contents.
  const placeholderBytes = cmsSizeBound(req.signer) + Math.max(0, req.reserve ?? 0);
  const sigDict = dict({
    Type: name('Sig'),
    Filter: name('Adobe.PPKLite'),
    SubFilter: name('ETSI.CAdES.detached'),
    Name: PdfString.fromText(signerName),
    M: new PdfString(Buffer.from(pdfDate(now), 'latin1')),
    Reason: req.reason ? PdfString.fromText(req.reason) : undefined,
    Location: req.location ? PdfString.fromText(req.location) : undefined,
    Reference: references(file, target, certify, catalogRef),
  });
  const head = serialize(sigDict).toString('latin1').replace(/>>$/, '');
  const byteRangeSlot = ' '.repeat(34);
  const sigText = `${head}/ByteRange [0${byteRangeSlot}]/Contents <${'0'.repeat(placeholderBytes * 2)}>>>`;
  objects.push({ num: sigNum, gen: 0, body: Buffer.from(sigText, 'latin1') });

  const update = buildUpdate(file, objects);
  const base = req.pdf.length;
  const sigStart = update.bodyOffsets.get(sigNum)!;
  const slotAt = sigStart + head.length + '/ByteRange [0'.length;
  const a = sigStart + sigText.indexOf('/Contents <') + '/Contents '.length;
  const b = a + placeholderBytes * 2 + 2;
  const total = base + update.bytes.length;
  const ranges = ` ${a} ${b} ${total - b}`;
  update.bytes.write(ranges.padEnd(byteRangeSlot.length, ' '), slotAt - base, 'latin1');
  const digest = hashRanges([req.pdf, update.bytes.subarray(0, a - base), update.bytes.subarray(b - base)], req.onProgress);
  req.onProgress?.({ phase: 'sign', done: 0, total: 1 });
  const cms = buildCms(req.signer, digest);
  req.onProgress?.({ phase: 'sign', done: 1, total: 1 });
  if (cms.length > placeholderBytes) throw new Error('CMS plus grand que la place réservée');
  update.bytes.write(cms.toString('hex'), a + 1 - base, 'latin1');
  return {
    chunks: [req.pdf, update.bytes],
    length: total,
    fieldName,
    order,
    signerName,
    ...(onBehalfOf !== undefined ? { onBehalfOf } : {}),
    certified: certify,
    newField: !target,
    signedAt: now.toISOString(),
    contents: { offset: a + 1, hexLength: placeholderBytes * 2 },
  };
}

/**
 * The signature's /Reference: DocMDP P=2 when it certifies, and FieldMDP with the field's own
 * /Lock when it has one (readers then enforce the lock from the signature as well).
 */
function references(file: PdfFile, target: SignatureField | undefined, certify: boolean, catalogRef: PdfRef): PdfValue[] | undefined {
  const refs: PdfValue[] = [];
  if (certify) refs.push(dict({ Type: name('SigRef'), TransformMethod: name('DocMDP'), TransformParams: dict({ Type: name('TransformParams'), P: 2, V: name('1.2') }) }));
  const lock = target ? file.dict(target.dict.get('Lock')) : undefined;
  const action = lock?.get('Action');
  if (lock && action instanceof PdfName && ['All', 'Include', 'Exclude'].includes(action.name)) {
    const fields = file.resolve(lock.get('Fields'));
    const params = dict({ Type: name('TransformParams'), Action: action, Fields: action.name !== 'All' && Array.isArray(fields) ? fields : undefined, V: name('1.2') });
    refs.push(dict({ Type: name('SigRef'), TransformMethod: name('FieldMDP'), TransformParams: params, Data: catalogRef }));
  }
  return refs.length > 0 ? refs : undefined;
}

/** SHA-256 of the parts, in slices when someone follows the progress (same digest either way). */
function hashRanges(parts: readonly Buffer[], onProgress: SignRequest['onProgress']): Buffer {
  const hash = createHash('sha256');
  if (!onProgress) {
    for (const p of parts) hash.update(p);
    return hash.digest();
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  let done = 0;
  onProgress({ phase: 'hash', done, total });
  for (const p of parts) {
    for (let at = 0; at < p.length; at += HASH_SLICE) {
      const slice = p.subarray(at, Math.min(p.length, at + HASH_SLICE));
      hash.update(slice);
      done += slice.length;
      onProgress({ phase: 'hash', done, total });
    }
  }
  return hash.digest();
}

function genOf(file: PdfFile, num: number): number {
  const e = file.entries.get(num);
  return e?.type === 'offset' ? e.gen : 0;
}
