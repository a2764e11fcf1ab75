/**
 * What one incremental update changed, object by object, judged by a short list of what is
 * allowed after a signature (the table in main/signing/README.md). Everything the list does
 * not name is a modification, named so that the user can recognise it: « contenu de la
 * page 1 (objet 5) modifié », « objet 14 (dictionnaire de ressources de la page 1) modifié ».
 *
 * Each update is compared with the revision just before it, as resolved objects (not byte
 * offsets): an update holding only a new xref that re-points an object to other bytes (the
 * shadow attacks) still changes that object's value. Judging update by update is what lets
 * the rules speak of « the same update »: an empty field's appearance may change only in the
 * update that fills it with a signature that verifies, a new signature field only in the
 * update that signs it.
 */
import { PdfDict, PdfRef, PdfStream, PdfString, sameValue, type PdfValue } from '../pdf/objects';
import type { PdfFile, XrefEntry } from '../pdf/file';

/** The changes of one update, in French, and the signature fields it filled. */
export interface UpdateReport {
  readonly allowed: string[];
  readonly disallowed: string[];
  /** Fully qualified names of the signature fields whose /V this update filled. */
  readonly filledFields: string[];
  /** Nothing but validation data (/DSS) and document timestamps: no signature, no metadata. */
  readonly validationOnly?: boolean;
}

/** What the rules need to know besides the two states. */
export interface UpdateContext {
  /** Signature dictionaries (object numbers) whose signature covers exactly this update and verifies. */
  readonly signedHere: ReadonlySet<number>;
  /** DocMDP P of the document's certification, when one is in force before this update. */
  readonly certification?: number;
}

/** A state of the document with the reverse references the rules ask about, built lazily. */
export class RevisionState {
  private referrers?: Map<number, number[]>;
  constructor(readonly file: PdfFile) {}

  /** Objects (numbers) whose value refers to `num`; cross-reference streams (trailers) are left out. */
  referrersOf(num: number): readonly number[] {
    if (!this.referrers) this.referrers = buildReferrers(this.file);
    return this.referrers.get(num) ?? [];
  }

  /** Whether any object of this state refers to `num`. */
  isReferenced(num: number): boolean {
    return this.referrersOf(num).length > 0;
  }
}

function buildReferrers(file: PdfFile): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const from of file.entries.keys()) {
    const v = safeGet(file, from);
    if (v instanceof PdfStream && v.dict.name('Type') === 'XRef') continue;
    const stack: PdfValue[] = v === undefined ? [] : [v];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x instanceof PdfRef) {
        const list = out.get(x.num);
        if (list) {
          if (list[list.length - 1] !== from) list.push(from);
        } else out.set(x.num, [from]);
      } else if (Array.isArray(x)) stack.push(...x);
      else if (x instanceof PdfDict) stack.push(...x.map.values());
      else if (x instanceof PdfStream) stack.push(...x.dict.map.values());
    }
  }
  return out;
}

function sameEntry(a: XrefEntry | undefined, b: XrefEntry | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.type === 'offset' && b.type === 'offset') return a.offset === b.offset && a.gen === b.gen;
  if (a.type === 'compressed' && b.type === 'compressed') return a.stream === b.stream && a.index === b.index;
  return a.type === 'free' && b.type === 'free';
}

function safeGet(file: PdfFile, num: number): PdfValue | undefined {
  try {
    return file.get(num);
  } catch {
    return undefined;
  }
}

function asDict(v: PdfValue | undefined): PdfDict | undefined {
  return v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : undefined;
}

function changedKeys(a: PdfDict, b: PdfDict): string[] {
  const keys = new Set([...a.map.keys(), ...b.map.keys()]);
  return [...keys].filter((k) => !sameValue(a.get(k), b.get(k)));
}

const refNum = (v: PdfValue | undefined): number | undefined => (v instanceof PdfRef ? v.num : undefined);
const refNums = (v: PdfValue | undefined): number[] => (Array.isArray(v) ? v.filter((x): x is PdfRef => x instanceof PdfRef).map((r) => r.num) : []);
const isContainer = (d: PdfDict | undefined) => d?.name('Type') === 'XRef' || d?.name('Type') === 'ObjStm';

/** The field a dictionary belongs to when it is a signature field or its widget, else undefined. */
function sigFieldOf(file: PdfFile, num: number, d: PdfDict | undefined): { num: number; dict: PdfDict } | undefined {
  let cur = d;
  let curNum = num;
  for (let i = 0; cur && i < 16; i++) {
    const ft = cur.name('FT');
    if (ft !== undefined) return ft === 'Sig' ? { num: curNum, dict: cur } : undefined;
    const parent = cur.get('Parent');
    if (!(parent instanceof PdfRef)) return undefined;
    curNum = parent.num;
    cur = file.dict(parent);
  }
  return undefined;
}

/** Whether a widget draws nothing: an empty /Rect, or flagged Hidden or NoView. */
function invisible(file: PdfFile, d: PdfDict): boolean {
  const f = d.get('F');
  if (typeof f === 'number' && (f & (2 | 32)) !== 0) return true;
  const r = file.resolve(d.get('Rect'));
  if (!Array.isArray(r) || r.length !== 4 || !r.every((x) => typeof x === 'number')) return false;
  const [x1, y1, x2, y2] = r as number[];
  return Math.abs(x2! - x1!) < 1e-6 || Math.abs(y2! - y1!) < 1e-6;
}

/** A new signed field may show a stamp, not a page: at most this share of its page's area. */
const MAX_NEW_STAMP_SHARE = 1 / 6;

/** The share of its page a widget's /Rect covers (0 when unknown or empty). */
function pageShare(file: PdfFile, d: PdfDict): number {
  const r = file.resolve(d.get('Rect'));
  const page = file.dict(d.get('P'));
  const box = file.resolve(page?.get('MediaBox')) ?? [0, 0, 595, 842];
  const area = (v: PdfValue | undefined) => {
    if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number')) return 0;
    const [x1, y1, x2, y2] = v as number[];
    return Math.abs((x2! - x1!) * (y2! - y1!));
  };
  const pageArea = area(box);
  return pageArea > 0 ? area(r) / pageArea : 1;
}

function fieldName(file: PdfFile, d: PdfDict): string {
  const parts: string[] = [];
  let cur: PdfDict | undefined = d;
  for (let i = 0; cur && i < 16; i++) {
    const t = cur.get('T');
    if (t instanceof PdfString) parts.unshift(t.text());
    cur = file.dict(cur.get('Parent'));
  }
  return parts.join('.');
}

/** Names the objects a reader can recognise (pages, their contents, resources, annotations). */
function objectRoles(states: readonly PdfFile[]): Map<number, string> {
  const roles = new Map<number, string>();
  const set = (num: number | undefined, role: string) => {
    if (num !== undefined && !roles.has(num)) roles.set(num, role);
  };
  for (const file of states) {
    file.pages().forEach((pg, i) => {
      const n = i + 1;
      set(pg.ref.num, `page ${n}`);
      const c = pg.dict.get('Contents');
      for (const x of c instanceof PdfRef ? [c.num] : refNums(file.resolve(c))) set(x, `contenu de la page ${n}`);
      const res = pg.dict.get('Resources');
      set(refNum(res), `dictionnaire de ressources de la page ${n}`);
      const resDict = file.dict(res);
      for (const [kind, group] of resDict?.map ?? []) {
        set(refNum(group), `ressources /${kind} de la page ${n}`);
        for (const [key, v] of file.dict(group)?.map ?? []) set(refNum(v), `ressource /${key} de la page ${n}`);
      }
      const annots = pg.dict.get('Annots');
      set(refNum(annots), `liste des annotations de la page ${n}`);
      for (const a of refNums(file.resolve(annots))) set(a, `annotation de la page ${n}`);
    });
  }
  return roles;
}

/**
 * Judges the update that turns `before` into `after` (both states of one file, `before` a
 * prefix of `after`) against the list of allowed changes.
 */
export function analyzeUpdate(beforeState: RevisionState, afterState: RevisionState, ctx: UpdateContext): UpdateReport {
  const before = beforeState.file;
  const after = afterState.file;
  const allowed: string[] = [];
  const disallowed: string[] = [];
  const filledFields: string[] = [];
  // What validation data and document timestamps allowed (PAdES B-LT, B-LTA), and /SigFlags.
  const archival = new Set<string>(['formulaire : /SigFlags']);
  const allowArchival = (text: string) => {
    allowed.push(text);
    archival.add(text);
  };
  const p = ctx.certification;
  const certified = p !== undefined;

  let roles: Map<number, string> | undefined;
  const label = (num: number) => {
    roles ??= objectRoles([after, before]);
    const role = roles.get(num);
    return role ? `objet ${num} (${role})` : `objet ${num}`;
  };

  const rootB = refNum(before.trailer.get('Root'));
  const rootA = refNum(after.trailer.get('Root'));
  if (rootA === undefined || rootA !== rootB) {
    return { allowed, disallowed: ['le catalogue du document a été remplacé'], filledFields };
  }
  const catB = before.catalog();
  const catA = after.catalog();
  const infoB = refNum(before.trailer.get('Info'));
  const infoA = refNum(after.trailer.get('Info'));
  const metaB = refNum(catB?.get('Metadata'));
  const metaA = refNum(catA?.get('Metadata'));
  const dssB = refNum(catB?.get('DSS'));
  const dssA = refNum(catA?.get('DSS'));
  const fieldsArrays = new Set<number>();
  for (const [f, c] of [[before, catB], [after, catA]] as const) {
    const n = refNum(f.dict(c?.get('AcroForm'))?.get('Fields'));
    if (n !== undefined) fieldsArrays.add(n);
  }
  const acroForms = new Set([refNum(catB?.get('AcroForm')), refNum(catA?.get('AcroForm'))].filter((n): n is number => n !== undefined));
  const annotsArrays = new Map<number, number>();
  before.pages().forEach((pg, i) => {
    const n = refNum(pg.dict.get('Annots'));
    if (n !== undefined) annotsArrays.set(n, i + 1);
  });
  const pageIndex = new Map(before.pages().map((pg, i) => [pg.ref.num, i + 1]));

  // A new metadata object must be reachable from its one place only, or it could be drawn too.
  const onlyReferencedBy = (num: number, allowedFrom: readonly number[]): boolean =>
    afterState.referrersOf(num).every((r) => allowedFrom.includes(r)) && beforeState.referrersOf(num).every((r) => allowedFrom.includes(r));

  // Rule 1: the Info dictionary, decided from the signed side of the update.
  if (infoA !== undefined && infoA !== infoB) {
    if (before.entries.has(infoA) && safeGet(before, infoA) !== undefined) disallowed.push(`métadonnées (Info) redirigées vers un ${label(infoA)} qui existait déjà`);
    else if (!(safeGet(after, infoA) instanceof PdfDict) || !onlyReferencedBy(infoA, [])) disallowed.push(`métadonnées (Info) redirigées vers un ${label(infoA)} qui n’est pas un simple dictionnaire de métadonnées`);
    else allowed.push('métadonnées du document (Info)');
  }

  const isXmp = (v: PdfValue | undefined) => v instanceof PdfStream && v.dict.name('Type') === 'Metadata' && v.dict.name('Subtype') === 'XML';

  /** New entries of a list of fields or annotations: each must be a signature field allowed here. */
  const checkAdded = (oldList: number[], newList: number[], where: string): void => {
    const missing = oldList.filter((n) => !newList.includes(n));
    if (missing.length) disallowed.push(`${where} : élément(s) retiré(s) (objet ${missing.join(', ')})`);
    for (const n of newList.filter((x) => !oldList.includes(x))) {
      const d = after.dict(new PdfRef(n, 0));
      const field = sigFieldOf(after, n, d);
      if (!d || !field) disallowed.push(`${where} : ajout de l’objet ${n}, qui n’est pas un champ de signature`);
      else if (isDocumentTimestamp(field.dict)) {
        // PAdES B-LTA (ISO 32000-2 §12.8.2.2.2): allowed whatever the certification, invisible only.
        if (invisible(after, d)) allowArchival(`horodatage du document ajouté (objet ${n})`);
        else disallowed.push(`${where} : horodatage du document (objet ${n}) avec un cadre visible sur la page`);
      } else if (certified && p! < 3) disallowed.push(`${where} : nouveau champ de signature (objet ${n}) alors que la certification n’autorise que le remplissage des champs existants`);
      else if (ctx.signedHere.has(refNum(field.dict.get('V')) ?? -1)) {
        if (invisible(after, d) || pageShare(after, d) <= MAX_NEW_STAMP_SHARE) allowed.push(`nouveau champ de signature signé dans la même mise à jour (objet ${n})`);
        else disallowed.push(`${where} : nouveau champ de signature (objet ${n}) dont le cadre couvre plus d’un sixième de la page : son apparence peut recouvrir le texte signé`);
      }
      else if (invisible(after, d)) allowed.push(`nouveau champ de signature invisible (objet ${n})`);
      else disallowed.push(`${where} : nouveau champ de signature visible mais non signé (objet ${n}), qui peut recouvrir le contenu de la page`);
    }
  };

  /** A new field whose value is a document timestamp signed (its token intact) in this very update. */
  const isDocumentTimestamp = (field: PdfDict): boolean => {
    const v = field.get('V');
    const sig = after.dict(v);
    return v instanceof PdfRef && ctx.signedHere.has(v.num) && sig?.name('Type') === 'DocTimeStamp' && sig.name('SubFilter') === 'ETSI.RFC3161';
  };

  const compareAcroForm = (a: PdfDict | undefined, b: PdfDict | undefined) => {
    if (!b) {
      if (a) disallowed.push('formulaire (AcroForm) supprimé');
      return;
    }
    const base = a ?? new PdfDict();
    for (const k of changedKeys(base, b)) {
      if (k === 'Fields') checkAdded(refNums(before.resolve(base.get('Fields'))), refNums(after.resolve(b.get('Fields'))), 'liste des champs du formulaire');
      else if (k === 'SigFlags') allowed.push('formulaire : /SigFlags');
      else disallowed.push(`formulaire (AcroForm) : /${k} modifié`);
    }
  };

  const judgeCatalog = (dO: PdfDict, dn: PdfDict) => {
    for (const k of changedKeys(dO, dn)) {
      if (k === 'AcroForm') compareAcroForm(before.dict(dO.get('AcroForm')), after.dict(dn.get('AcroForm')));
      else if (k === 'DSS') allowArchival('catalogue : /DSS (données de validation)');
      else if (k === 'Metadata') {
        if (metaA === undefined) allowed.push('métadonnées XMP retirées');
        else if (before.entries.has(metaA) && safeGet(before, metaA) !== undefined) disallowed.push(`métadonnées XMP redirigées vers un ${label(metaA)} qui existait déjà`);
        else if (!isXmp(safeGet(after, metaA)) || !onlyReferencedBy(metaA, [rootA])) disallowed.push(`métadonnées XMP redirigées vers un ${label(metaA)} qui n’est pas un flux de métadonnées XML`);
        else allowed.push('métadonnées XMP du document');
      } else disallowed.push(`catalogue : /${k} modifié`);
    }
  };

  /** A signature field (or its widget) that existed before the update. */
  const judgeSigField = (num: number, dO: PdfDict, dn: PdfDict, field: { num: number; dict: PdfDict }) => {
    const keys = changedKeys(dO, dn);
    const fieldBefore = num === field.num ? dO : before.dict(new PdfRef(field.num, 0));
    const fieldAfter = num === field.num ? dn : after.dict(new PdfRef(field.num, 0));
    const wasSigned = fieldBefore?.get('V') !== undefined && fieldBefore?.get('V') !== null;
    const filledHere = !wasSigned && ctx.signedHere.has(refNum(fieldAfter?.get('V')) ?? -1);
    const name = fieldName(after, fieldAfter ?? dn);
    const permitted = num === field.num ? ['V', 'AP', 'F'] : ['AP', 'F'];
    if (filledHere && keys.every((k) => permitted.includes(k))) {
      allowed.push(`champ de signature « ${name} » rempli par sa signature (objet ${num})`);
      if (num === field.num) filledFields.push(name);
    } else if (wasSigned) disallowed.push(`champ de signature « ${name} » (objet ${num}) déjà signé, modifié : /${keys.join(', /')}`);
    else if (keys.every((k) => k === 'AP' || k === 'AS' || k === 'MK' || k === 'F')) disallowed.push(`apparence du champ de signature vide « ${name} » (objet ${num}) modifiée sans qu’une signature valide le remplisse`);
    else disallowed.push(`champ de signature « ${name} » (objet ${num}) : /${keys.join(', /')} modifié`);
  };

  const nums = new Set([...before.entries.keys(), ...after.entries.keys()]);
  for (const num of nums) {
    const eo = before.entries.get(num);
    const en = after.entries.get(num);
    if (sameEntry(eo, en) && (en?.type !== 'compressed' || sameEntry(before.entries.get(en.stream), after.entries.get(en.stream)))) continue;
    const vo = safeGet(before, num);
    const vn = safeGet(after, num);
    if (sameValue(vo, vn)) continue;
    if (p === 1) {
      disallowed.push(`${label(num)} : la certification du document interdit toute modification`);
      continue;
    }
    const dn = asDict(vn);
    const dO = asDict(vo);
    if (vn === undefined) {
      disallowed.push(`${label(num)} supprimé`);
      continue;
    }
    if (vo === undefined) {
      // A new object shows nothing until something points at it, and whatever points at it
      // is judged here too; a number the signed side already pointed at is another matter.
      const isSigDict = dn !== undefined && (dn.name('Type') === 'Sig' || dn.name('Type') === 'DocTimeStamp' || (dn.has('ByteRange') && dn.has('Contents')));
      if (beforeState.isReferenced(num)) disallowed.push(`${label(num)} : objet désigné par la révision signée mais absent de celle-ci, ajouté ensuite`);
      else if (isSigDict && !ctx.signedHere.has(num)) disallowed.push(`dictionnaire de signature ajouté sans signature valide (objet ${num})`);
      else if (isSigDict && dn.name('Type') === 'DocTimeStamp') allowArchival(`horodatage du document (objet ${num})`);
      else if (isSigDict) allowed.push(`signature ultérieure (objet ${num})`);
      continue;
    }
    if (isContainer(dO) && isContainer(dn) && dO!.name('Type') === dn!.name('Type')) continue;
    if (num === rootA && dO && dn) {
      judgeCatalog(dO, dn);
      continue;
    }
    if (acroForms.has(num) && dO && dn && !(vn instanceof PdfStream)) {
      compareAcroForm(dO, dn);
      continue;
    }
    if (fieldsArrays.has(num) && Array.isArray(vo) && Array.isArray(vn)) {
      checkAdded(refNums(vo), refNums(vn), 'liste des champs du formulaire');
      continue;
    }
    if (annotsArrays.has(num) && Array.isArray(vo) && Array.isArray(vn)) {
      checkAdded(refNums(vo), refNums(vn), `annotations de la page ${annotsArrays.get(num)}`);
      continue;
    }
    if (num === infoB && num === infoA) {
      if (vn instanceof PdfDict && vo instanceof PdfDict && onlyReferencedBy(num, [])) allowed.push('métadonnées du document (Info)');
      else disallowed.push(`${label(num)} : désigné comme métadonnées (Info) mais ${vn instanceof PdfDict ? 'utilisé ailleurs dans le document' : 'n’est pas un dictionnaire'}, modifié`);
      continue;
    }
    if (num === metaB && num === metaA) {
      if (isXmp(vn) && isXmp(vo) && onlyReferencedBy(num, [rootA])) allowed.push('métadonnées XMP du document');
      else disallowed.push(`${label(num)} : désigné comme métadonnées XMP mais n’en est pas un flux réservé, modifié`);
      continue;
    }
    if (num === dssB && num === dssA && vn instanceof PdfDict && [...vn.map.keys()].every((k) => ['Type', 'Certs', 'OCSPs', 'CRLs', 'VRI'].includes(k)) && onlyReferencedBy(num, [rootA])) {
      allowArchival('données de validation (/DSS) complétées');
      continue;
    }
    if (dO && dn && pageIndex.has(num) && dO.name('Type') === 'Page') {
      for (const k of changedKeys(dO, dn)) {
        if (k === 'Annots') checkAdded(refNums(before.resolve(dO.get('Annots'))), refNums(after.resolve(dn.get('Annots'))), `annotations de la page ${pageIndex.get(num)}`);
        else disallowed.push(`${label(num)} : /${k} modifié`);
      }
      continue;
    }
    const field = dO && dn && !(vo instanceof PdfStream) && !(vn instanceof PdfStream) ? sigFieldOf(before, num, dO) : undefined;
    if (field && dO && dn) {
      judgeSigField(num, dO, dn, field);
      continue;
    }
    disallowed.push(`${label(num)} modifié`);
  }
  const validationOnly = disallowed.length === 0 && allowed.every((a) => archival.has(a));
  return { allowed: [...new Set(allowed)], disallowed: [...new Set(disallowed)], filledFields, validationOnly };
}
