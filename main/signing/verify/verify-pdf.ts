/**
 * The verifier. For each signature: structure (fails closed), integrity, the revision it
 * covers, the changes after it, the certificate chain against the trust list. Then one
 * verdict for the document.
 */
import { createHash, type Hash, type X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { coveredRevisionText } from '../../../shared/rules/revision-text';
import { parsePdfDate } from '../pdf-date';
import { describeCertificate, allowsSigning, type CertificateSummary } from '../crypto/certificate';
import { checkCms } from '../crypto/cms-verify';
import { validateChain, type TrustStatus } from '../crypto/chain';
import { sameSigner } from '../../../shared/rules/signer-name';
import { PdfFile } from '../pdf/file';
import { docMdpOf, findSignatureFields, type SignatureField } from '../pdf/fields';
import { PdfDict, PdfRef, PdfString, sameValue } from '../pdf/objects';
import { analyzeUpdate, RevisionState, type UpdateReport } from './changes';
import { documentTimestampOf } from '../ltv/document-timestamp-of';
import { timestampOf } from '../ltv/timestamp-of';
import type { TimestampCheck, TimestampStatus } from '../ltv/timestamp-token';
import { cmsRevocationInfo, revocationOf, validationPoolOf, type RevocationCheck, type ValidationPool } from '../ltv/revocation-of';

/** PAdES baseline levels (ETSI EN 319 142-1). */
export type PadesLevel = 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';

/** A signature's timestamp as reported: the TSA's time and name, and whether it counts. */
export interface TimestampReport {
  readonly time?: string;
  readonly authority?: string;
  readonly status: TimestampStatus;
}

/** The four verdicts of the issue, plus « no signature at all ». */
export type Verdict = 'valid' | 'untrusted' | 'modified' | 'invalid' | 'unsigned';

/** Everything the verifier says about one signature (plain data, safe over IPC and in JSON). */
export interface SignatureReport {
  readonly index: number;
  readonly field: string;
  readonly page?: number;
  readonly signer?: CertificateSummary;
  /** Whom the field was placed for, when Paraphe placed it (/ParapheSignatory). */
  readonly expectedSignatory?: ExpectedSignatory;
  /** The certificate is in another name than the field's signatory (a delegate signing for them). */
  readonly otherName?: boolean;
  readonly signingTime?: string;
  readonly subFilter?: string;
  readonly digestAlgorithm?: string;
  /** true when the digest matches the signed bytes and the CMS signature verifies. */
  readonly integrity: boolean;
  readonly byteRange?: readonly number[];
  /** 1-based revision the signature covers, and how many revisions the file has. */
  readonly revision?: number;
  readonly revisions: number;
  /** The same, in the words the CLI and the wizard print (« révision 2 sur 4 »). */
  readonly coverage?: string;
  readonly coversWholeDocument: boolean;
  /** DocMDP P when this signature certifies the document. */
  readonly certification?: number;
  readonly changesAllowed: readonly string[];
  readonly changesDisallowed: readonly string[];
  readonly trust?: TrustStatus;
  readonly trustMessage?: string;
  readonly chain: readonly CertificateSummary[];
  readonly status: Exclude<Verdict, 'unsigned'>;
  /** The level reached: B-T when a valid signature timestamp proves the time. */
  readonly level?: PadesLevel;
  /** The signature timestamp, when the CMS carries one. */
  readonly timestamp?: TimestampReport;
  /** The signer certificate's revocation status from the /DSS (or the CMS), read offline. */
  readonly revocation?: { readonly source: 'ocsp' | 'crl'; readonly status: 'good' | 'revoked' | 'unknown'; readonly producedAt?: string };
  /** French sentences, each a reason for a status other than valid. */
  readonly problems: readonly string[];
}

/** The signatory a field was placed for, as the field says. */
export interface ExpectedSignatory {
  readonly name: string;
  readonly title?: string;
  readonly party?: string;
}

/**
 * A document timestamp (PAdES B-LTA, /SubFilter /ETSI.RFC3161): not a person's signature but
 * a TSA's proof that the file up to it (signatures, validation data) existed at its time.
 */
export interface DocumentTimestampReport {
  readonly index: number;
  readonly field: string;
  /** The TSA's time and name. */
  readonly time?: string;
  readonly authority?: string;
  /** valid: intact, TSA trusted, nothing forbidden after it; untrusted: TSA not in the trust list. */
  readonly status: Exclude<Verdict, 'unsigned'>;
  readonly revision?: number;
  readonly revisions: number;
  readonly coverage?: string;
  readonly coversWholeDocument: boolean;
  readonly changesAllowed: readonly string[];
  readonly changesDisallowed: readonly string[];
  readonly problems: readonly string[];
}

/** The verifier's answer for a document. */
export interface VerifyReport {
  readonly verdict: Verdict;
  /** French one-line summary. */
  readonly summary: string;
  readonly signatures: readonly SignatureReport[];
  /** « Horodatage du document »: the document timestamps, oldest first. */
  readonly documentTimestamps: readonly DocumentTimestampReport[];
  /**
   * The updates after the last signature hold nothing but validation data (/DSS) and document
   * timestamps (B-LT, B-LTA), all allowed; false when there is none (the last signature then
   * covers the whole file) or when anything else follows.
   */
  readonly endsWithValidationData: boolean;
  readonly fileSize: number;
}

/** Options: the certificates the user trusts, and the time of the check. */
export interface VerifyOptions {
  readonly trustAnchors: readonly X509Certificate[];
  /**
   * When the check happens (now by default). A signature without a timestamp proves nothing
   * about when it was made (/M and the CMS signing-time are the signer's claims), so its
   * chain is validated at this time (ETSI EN 319 102-1).
   */
  readonly now?: Date;
  /**
   * The hash of the bytes [0, end), already computed while the file was read ({@link
   * readHashed}); undefined when it was not (the verifier then hashes from the start).
   */
  readonly prefixHash?: (algorithm: string, end: number) => Hash | undefined;
}

/** Beyond this many signatures a file is refused: each costs a hash and a revision analysis. */
export const MAX_SIGNATURES = 100;

/** /M and the CMS signing-time may differ by this much (both written by one program at once). */
const CLAIMED_TIME_TOLERANCE_MS = 10 * 60_000;

interface Located {
  readonly field: SignatureField;
  readonly sigNum?: number;
  readonly sig?: PdfDict;
  readonly range?: readonly [number, number, number, number];
  readonly problems: string[];
}

/** Checks the signature dictionary's structure before any cryptography (fails closed). */
function locate(file: PdfFile, bytes: Buffer, field: SignatureField): Located {
  const problems: string[] = [];
  const v = field.value;
  const holder = v instanceof PdfRef ? v.num : field.ref.num;
  const entry = file.entries.get(holder);
  if (!entry || entry.type !== 'offset') {
    problems.push('Le dictionnaire de signature est introuvable ou rangé dans un flux d’objets : sa position dans le fichier ne peut pas être contrôlée.');
    return { field, problems };
  }
  const sig = v instanceof PdfRef ? file.dict(v) : v instanceof PdfDict ? v : undefined;
  if (!sig) {
    problems.push('La valeur du champ n’est pas un dictionnaire de signature.');
    return { field, problems };
  }
  const br = sig.get('ByteRange');
  const contents = sig.get('Contents');
  if (!Array.isArray(br) || br.length !== 4 || !br.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) {
    problems.push('/ByteRange absent ou mal formé (quatre entiers attendus, écrits directement).');
    return { field, sigNum: holder, sig, problems };
  }
  const [z, a, b, c] = br as [number, number, number, number];
  if (z !== 0 || a <= 0 || b <= a || b + c > bytes.length) {
    problems.push(`/ByteRange [${br.join(' ')}] ne couvre pas le fichier depuis son début, ou sort du fichier, ou se chevauche.`);
    return { field, sigNum: holder, sig, problems };
  }
  if (!(contents instanceof PdfString)) {
    problems.push('/Contents absent ou n’est pas une chaîne écrite directement.');
    return { field, sigNum: holder, sig, problems };
  }
  const span = sig.spans?.get('Contents');
  if (!span || span[0] !== a || span[1] !== b) {
    problems.push('La zone non signée de /ByteRange ne correspond pas exactement à /Contents (signature déplacée ou enveloppée).');
    return { field, sigNum: holder, sig, problems };
  }
  if (!/^<[0-9A-Fa-f]*>$/.test(bytes.toString('latin1', a, b))) {
    problems.push('La zone non signée contient autre chose que la valeur hexadécimale de /Contents.');
    return { field, sigNum: holder, sig, problems };
  }
  return { field, sigNum: holder, sig, range: [z, a, b, c], problems };
}

/** Verifies every signature of `bytes`; throws UserError PDF_UNREADABLE / PDF_ENCRYPTED. */
export function verifyPdf(bytes: Buffer, options: VerifyOptions): VerifyReport {
  try {
    return verifyInner(bytes, options);
  } catch (e) {
    // Fail closed: whatever the parser could not make sense of is never « valid ».
    if (e instanceof UserError) throw e;
    throw new UserError('PDF_UNREADABLE', 'Ce PDF est endommagé : sa structure ne peut pas être lue entièrement, ses signatures ne peuvent donc pas être vérifiées. Demandez une nouvelle copie du fichier.', { cause: e instanceof Error ? e.message : String(e) });
  }
}

/** A signature after its cryptographic check, before the changes that follow it are judged. */
interface Checked {
  readonly loc: Located;
  readonly problems: string[];
  readonly integrity: boolean;
  readonly signer?: CertificateSummary;
  readonly signingTime?: Date;
  readonly subFilter?: string;
  readonly digestAlgorithm?: string;
  readonly trust?: TrustStatus;
  readonly trustMessage?: string;
  readonly chain: CertificateSummary[];
  /** 1-based index of the revision the signature covers, when it ends one. */
  readonly revision?: number;
  readonly certification?: number;
  /** Field names the signature's /Lock or FieldMDP reference locks (`all` for every field). */
  readonly locks?: FieldLock;
  /** The signature timestamp found in the CMS, checked. */
  readonly timestamp?: TimestampCheck;
  /** The signer chain's revocation status at the validation time. */
  readonly revocation?: RevocationCheck;
  /** A document timestamp (its token is `timestamp`), not a person's signature. */
  readonly documentTimestamp?: boolean;
  /** What B-LTA asks again with the data a document timestamp covers. */
  readonly revocationInputs?: RevocationInputs;
}

/** The signer, its CMS's certificates and own revocation data, and the validation time. */
interface RevocationInputs {
  readonly signer: X509Certificate;
  readonly certificates: readonly X509Certificate[];
  readonly own: { readonly ocsps: Buffer[]; readonly crls: Buffer[] };
  readonly at: Date;
}

/** The fields a signature locks (FieldMDP): all, all but some, or only some. */
interface FieldLock {
  readonly action: 'All' | 'Include' | 'Exclude';
  readonly fields: readonly string[];
}

function lockOf(file: PdfFile, d: PdfDict | undefined): FieldLock | undefined {
  if (!d) return undefined;
  const action = d.name('Action');
  if (action !== 'All' && action !== 'Include' && action !== 'Exclude') return undefined;
  const list = file.resolve(d.get('Fields'));
  const fields = Array.isArray(list) ? list.filter((x): x is PdfString => x instanceof PdfString).map((x) => x.text()) : [];
  return { action, fields };
}

function isLocked(lock: FieldLock, field: string): boolean {
  if (lock.action === 'All') return true;
  return lock.action === 'Include' ? lock.fields.includes(field) : !lock.fields.includes(field);
}

/** The FieldMDP lock a signature declares: its field's /Lock, or a FieldMDP entry of its /Reference. */
function fieldLockOf(file: PdfFile, field: SignatureField, sig: PdfDict): FieldLock | undefined {
  const own = lockOf(file, file.dict(field.dict.get('Lock')));
  if (own) return own;
  const refs = file.resolve(sig.get('Reference'));
  for (const r of Array.isArray(refs) ? refs : []) {
    const d = file.dict(r);
    if (d?.name('TransformMethod') === 'FieldMDP') return lockOf(file, file.dict(d.get('TransformParams')));
  }
  return undefined;
}

function verifyInner(bytes: Buffer, options: VerifyOptions): VerifyReport {
  const file = PdfFile.open(bytes);
  const now = options.now ?? new Date();
  // Revisions come from the cross-reference chain: a `%%EOF` written inside a stream is not one.
  const ends = file.revisionEnds();
  const states = new Map<number, RevisionState>();
  const stateAt = (end: number): RevisionState => {
    let s = states.get(end);
    if (!s) {
      s = new RevisionState(end === bytes.length ? file : PdfFile.open(bytes.subarray(0, end)));
      states.set(end, s);
    }
    return s;
  };
  const fields = findSignatureFields(file).filter((f) => f.value !== undefined);
  // Signatures that earlier revisions show but the current state no longer lists (a hidden
  // or replaced catalog, a removed field) are still verified, so that their loss shows up
  // as a forbidden change instead of a document that silently looks unsigned.
  // A field is the same signature while its /V names the same object written at the same
  // place: a field re-signed later (its /V re-pointed, or its signature object rewritten) keeps
  // its earlier signature in the report, read from the revision that held it.
  const keyOf = (f: SignatureField, in_: PdfFile): string => {
    const v = f.value;
    if (!(v instanceof PdfRef)) return `${f.ref.num}`;
    const entry = in_.entries.get(v.num);
    return `${f.ref.num}:${v.num}@${entry?.type === 'offset' ? entry.offset : '-'}`;
  };
  const fieldNums = new Set(fields.map((f) => f.ref.num));
  const known = new Set(fields.map((f) => keyOf(f, file)));
  const readIn = new Map<SignatureField, PdfFile>();
  for (const end of ends) {
    if (end >= bytes.length) continue;
    let earlier: SignatureField[];
    try {
      earlier = findSignatureFields(stateAt(end).file);
    } catch {
      continue;
    }
    for (const f of earlier) {
      if (f.value === undefined) continue;
      // A value that is no signature reference (/V null, a direct value) counts once per field.
      const key = f.value instanceof PdfRef ? keyOf(f, stateAt(end).file) : `${f.ref.num}`;
      if (known.has(key) || (!(f.value instanceof PdfRef) && fieldNums.has(f.ref.num))) continue;
      known.add(key);
      fieldNums.add(f.ref.num);
      fields.push(f);
      readIn.set(f, stateAt(end).file);
    }
    if (fields.length > MAX_SIGNATURES) break;
  }
  if (fields.length > MAX_SIGNATURES) {
    throw new UserError('PDF_TOO_COMPLEX', `Ce PDF contient ${fields.length.toLocaleString('fr-FR').replace(/\u202f/g, ' ')} signatures : au-delà de ${MAX_SIGNATURES}, Paraphe ne le vérifie pas. Demandez à l’expéditeur le document signé tel qu’il est sorti de la dernière signature.`, { signatures: fields.length });
  }
  const located = fields.map((f): Located => {
    try {
      return locate(readIn.get(f) ?? file, bytes, f);
    } catch (e) {
      return { field: f, problems: [`Dictionnaire de signature illisible : ${e instanceof Error ? e.message : String(e)}.`] };
    }
  });
  // Signature order is the order of the revisions they cover.
  located.sort((x, y) => (x.range ? x.range[2] + x.range[3] : Infinity) - (y.range ? y.range[2] + y.range[3] : Infinity));

  // Many signature dictionaries may claim the same ranges: each is hashed once.
  const digests = new Map<string, Buffer>();
  const hashOf = (alg: string, a: number, b: number, c: number): Buffer => {
    const key = `${alg}:${a}:${b}:${c}`;
    let d = digests.get(key);
    if (!d) {
      const prefix = options.prefixHash?.(alg, a) ?? createHash(alg).update(bytes.subarray(0, a));
      d = prefix.update(bytes.subarray(b, b + c)).digest();
      digests.set(key, d);
    }
    return d;
  };

  let certification: number | undefined;
  let certifyingSig: number | undefined;
  let pool: ValidationPool | undefined;
  const validationPool = () => (pool ??= validationPoolOf(file));
  const context: CheckContext = { file, bytes, ends, now, anchors: options.trustAnchors, hashOf, stateAt, validationPool };
  const checked: Checked[] = located.map((loc, i) => {
    const c = checkSignature(loc, context);
    if (c.certification !== undefined) {
      if (i !== 0 || certification !== undefined) c.problems.push('Signature de certification qui n’est pas la première du document : refusée.');
      else {
        certification = c.certification;
        certifyingSig = loc.sigNum;
      }
    }
    return c;
  });

  // The catalog's /Perms /DocMDP must name the certifying signature, in the revision that
  // signature covers (else the certification is not what readers enforce) and now (a later
  // change of /Perms is also named by the analysis of that update).
  const docMdpIn = (f: PdfFile) => f.dict(f.catalog()?.get('Perms'))?.get('DocMDP');
  const certifying = checked.find((c) => c.loc.sigNum !== undefined && c.loc.sigNum === certifyingSig);
  if (certifying?.revision !== undefined) {
    const declared = docMdpIn(stateAt(ends[certifying.revision - 1]!).file);
    if (!(declared instanceof PdfRef) || declared.num !== certifyingSig) certifying.problems.push('La signature de certification n’est pas celle que le catalogue déclare (/Perms /DocMDP) dans la révision qu’elle signe.');
  }
  const permsNow = docMdpIn(file);
  const permsProblem = permsNow !== undefined && (!(permsNow instanceof PdfRef) || permsNow.num !== certifyingSig)
    ? 'Le catalogue déclare une certification (/Perms /DocMDP) qui ne désigne pas la signature de certification du document.'
    : undefined;

  // Each update after the first signature, judged once against the revision before it.
  const revisionIndex = new Map(ends.map((e, k) => [e, k]));
  const firstSigned = Math.min(...checked.map((c) => (c.revision ?? Infinity) - 1));
  const steps: Array<{ revision: number; report: UpdateReport }> = [];
  if (Number.isFinite(firstSigned)) {
    for (let k = firstSigned + 1; k < ends.length; k++) {
      const signedHere = new Set(checked.filter((c) => c.revision === k + 1 && c.integrity && c.loc.sigNum !== undefined).map((c) => c.loc.sigNum!));
      const certifiedBefore = checked.some((c) => c.certification !== undefined && c.revision !== undefined && c.revision <= k);
      try {
        steps.push({ revision: k + 1, report: analyzeUpdate(stateAt(ends[k - 1]!), stateAt(ends[k]!), { signedHere, certification: certifiedBefore ? certification : undefined }) });
      } catch (e) {
        steps.push({ revision: k + 1, report: { allowed: [], disallowed: [`révision ${k + 1} illisible (${e instanceof Error ? e.message : String(e)})`], filledFields: [] } });
      }
    }
  }
  const lastEnd = ends[ends.length - 1] ?? 0;
  const trailing = lastEnd < bytes.length && /[^\s\0]/.test(bytes.toString('latin1', lastEnd, Math.min(bytes.length, lastEnd + 4096)))
    ? 'des octets ont été ajoutés après la fin du document sans former une révision'
    : undefined;

  const judged: SignatureReport[] = checked.map((c, i) => {
    const problems = [...c.problems];
    const loc = c.loc;
    const planned = loc.field.signatory;
    const expectedSignatory = planned?.name ? { name: planned.name, title: planned.title, party: planned.party } : undefined;
    const base = { index: i + 1, field: loc.field.name, page: loc.field.page, revisions: ends.length, chain: c.chain, expectedSignatory };
    if (!loc.range || !loc.sig) {
      return { ...base, integrity: false, coversWholeDocument: false, changesAllowed: [], changesDisallowed: [], status: 'invalid', problems };
    }
    const changesAllowed: string[] = [];
    const changesDisallowed: string[] = [];
    if (c.revision !== undefined) {
      for (const step of steps.filter((s) => s.revision > c.revision!)) {
        changesAllowed.push(...step.report.allowed.map((t) => `révision ${step.revision} : ${t}`));
        changesDisallowed.push(...step.report.disallowed.map((t) => `révision ${step.revision} : ${t}`));
        if (c.locks) {
          for (const f of step.report.filledFields.filter((name) => isLocked(c.locks!, name))) {
            changesDisallowed.push(`révision ${step.revision} : champ « ${f} » rempli alors que cette signature le verrouille (/Lock)`);
          }
        }
      }
      if (trailing) changesDisallowed.push(trailing);
      if (permsProblem) changesDisallowed.push(permsProblem);
    }
    const [, , b, cLen] = loc.range;
    let status: SignatureReport['status'];
    let trustMessage = c.trustMessage;
    if (problems.length > 0 || !c.integrity) status = 'invalid';
    else if (changesDisallowed.length > 0) status = 'modified';
    else if (c.documentTimestamp) status = c.timestamp?.status === 'valid' ? 'valid' : 'untrusted';
    else if (c.trust === 'expired' || c.trust === 'invalid-chain') {
      status = 'invalid';
      if (trustMessage) problems.push(trustMessage);
    } else if (c.trust !== 'trusted') status = 'untrusted';
    else status = 'valid';
    return {
      ...base,
      signer: c.signer,
      otherName: c.signer && expectedSignatory ? !sameSigner(expectedSignatory.name, c.signer.commonName) : undefined,
      signingTime: c.signingTime?.toISOString(),
      subFilter: c.subFilter,
      digestAlgorithm: c.digestAlgorithm,
      integrity: c.integrity,
      byteRange: loc.range,
      revision: c.revision,
      coverage: c.revision !== undefined ? coveredRevisionText(c.revision, ends.length, b + cLen === bytes.length) : undefined,
      coversWholeDocument: b + cLen === bytes.length,
      certification: c.certification,
      changesAllowed: [...new Set(changesAllowed)],
      changesDisallowed: [...new Set(changesDisallowed)],
      trust: c.trust,
      trustMessage,
      chain: c.chain,
      status,
      level: c.signer ? (c.timestamp?.status === 'valid' ? (c.revocation?.complete ? 'B-LT' : 'B-T') : 'B-B') : undefined,
      timestamp: c.timestamp ? { time: c.timestamp.time?.toISOString(), authority: c.timestamp.authority, status: c.timestamp.status } : undefined,
      revocation: c.revocation?.leaf ? { source: c.revocation.leaf.source, status: c.revocation.leaf.status, producedAt: c.revocation.leaf.producedAt.toISOString() } : undefined,
      problems,
    };
  });

  // Document timestamps are reported apart; they count in the verdict as signatures do.
  const reports: SignatureReport[] = [];
  const documentTimestamps: DocumentTimestampReport[] = [];
  judged.forEach((r, i) => {
    const c = checked[i]!;
    if (!c.documentTimestamp) {
      reports.push({ ...r, index: reports.length + 1 });
      return;
    }
    documentTimestamps.push({
      index: documentTimestamps.length + 1,
      field: r.field,
      time: c.timestamp?.time?.toISOString(),
      authority: c.timestamp?.authority,
      status: r.status,
      revision: r.revision,
      revisions: r.revisions,
      coverage: r.coverage,
      coversWholeDocument: r.coversWholeDocument,
      changesAllowed: r.changesAllowed,
      changesDisallowed: r.changesDisallowed,
      problems: r.problems,
    });
  });

  // B-LTA: a B-LT signature whose validation data, as a valid document timestamp covers it
  // (the /DSS of that timestamp's revision and the CMS's own), is still complete, and whose
  // updates up to that timestamp hold only allowed changes.
  const archives = checked.filter((c, i) => c.documentTimestamp && judged[i]!.status === 'valid' && c.revision !== undefined);
  const pools = new Map<number, ValidationPool>();
  const poolAt = (revision: number): ValidationPool => {
    let p = pools.get(revision);
    if (!p) {
      p = validationPoolOf(stateAt(ends[revision - 1]!).file);
      pools.set(revision, p);
    }
    return p;
  };
  let n = 0;
  for (const c of checked) {
    if (c.documentTimestamp) continue;
    const r = reports[n++]!;
    const inputs = c.revocationInputs;
    if (r.level !== 'B-LT' || !inputs || c.revision === undefined) continue;
    // Covering the signature, with nothing forbidden in the updates between them. A later
    // /DSS normally holds the earlier one's items: the last such timestamp is asked, then the
    // first (never all of them: a crafted file may hold a hundred).
    const candidates = archives.filter((d) => d.revision! > c.revision! && !steps.some((st) => st.revision > c.revision! && st.revision <= d.revision! && st.report.disallowed.length > 0));
    const covered = [...new Set([candidates[candidates.length - 1], candidates[0]])].some((d) => {
      if (!d) return false;
      const dss = poolAt(d.revision!);
      const revPool = { certs: dss.certs, ocsps: [...dss.ocsps, ...inputs.own.ocsps], crls: [...dss.crls, ...inputs.own.crls] };
      return revocationOf(inputs.signer, inputs.certificates, options.trustAnchors, revPool, inputs.at).complete;
    });
    if (covered) reports[n - 1] = { ...r, level: 'B-LTA' };
  }

  const items = [...reports, ...documentTimestamps];
  const verdict: Verdict = reports.length === 0 ? 'unsigned'
    : items.some((r) => r.status === 'invalid') ? 'invalid'
    : items.some((r) => r.status === 'modified') ? 'modified'
    : items.some((r) => r.status === 'untrusted') ? 'untrusted'
    : 'valid';
  const stamps = documentTimestamps.length > 0 ? ` et ${documentTimestamps.length > 1 ? `les ${documentTimestamps.length} horodatages` : 'l’horodatage'} du document` : '';
  const summary = {
    unsigned: 'Ce document ne contient aucune signature.',
    valid: `Les ${reports.length} signature(s)${stamps} sont valides, de confiance, et le document n’a pas été modifié depuis.`,
    untrusted: `Les signatures${stamps} sont intactes, mais au moins un certificat n’est pas garanti par une autorité de votre liste de confiance.`,
    modified: 'Le document a été modifié après au moins une signature : ne vous fiez pas à son contenu actuel.',
    invalid: 'Au moins une signature est invalide : le document a été altéré ou la signature est mal formée.',
  }[verdict];
  const lastSigned = Math.max(0, ...checked.filter((c) => !c.documentTimestamp && c.revision !== undefined).map((c) => c.revision!));
  const after = steps.filter((st) => st.revision > lastSigned);
  const endsWithValidationData = lastSigned > 0 && !trailing && after.length > 0 && after.length === ends.length - lastSigned && after.every((st) => st.report.validationOnly === true);
  return { verdict, summary, signatures: reports, documentTimestamps, endsWithValidationData, fileSize: bytes.length };
}

/** What every signature's check shares. */
interface CheckContext {
  readonly file: PdfFile;
  readonly bytes: Buffer;
  /** Revision ends from the cross-reference chain, ascending. */
  readonly ends: readonly number[];
  /** The time of the check: the validation time of signatures without a valid timestamp. */
  readonly now: Date;
  readonly anchors: readonly X509Certificate[];
  readonly hashOf: (alg: string, a: number, b: number, c: number) => Buffer;
  readonly stateAt: (end: number) => RevisionState;
  /** The document's /DSS, parsed at the first signature that needs it. */
  readonly validationPool: () => ValidationPool;
}

/** The cryptographic and structural checks of one signature, and the revision it covers. */
function checkSignature(loc: Located, ctx: CheckContext): Checked {
  const { file, ends, now, hashOf, stateAt } = ctx;
  const problems = [...loc.problems];
  if (!loc.range || !loc.sig) return { loc, problems, integrity: false, chain: [] };
  const [, a, b, c] = loc.range;
  const sig = loc.sig;
  const subFilter = sig.name('SubFilter');
  const signedLength = b + c;
  let integrity = false;
  let signer: CertificateSummary | undefined;
  let digestAlgorithm: string | undefined;
  let signingTime: Date | undefined;
  let trust: TrustStatus | undefined;
  let trustMessage: string | undefined;
  let chain: CertificateSummary[] = [];
  let timestamp: TimestampCheck | undefined;
  let revocation: RevocationCheck | undefined;
  const m = sig.get('M');
  const claimed = m instanceof PdfString ? parsePdfDate(m.text()) : undefined;
  signingTime = claimed;
  let documentTimestamp = false;
  let revocationInputs: RevocationInputs | undefined;
  if (subFilter === 'ETSI.RFC3161') {
    documentTimestamp = true;
    const dts = documentTimestampOf(sig, loc.range, { hashOf: ctx.hashOf, anchors: ctx.anchors, pool: ctx.validationPool });
    problems.push(...dts.problems);
    integrity = dts.integrity;
    timestamp = dts.timestamp;
  } else if (subFilter !== 'ETSI.CAdES.detached' && subFilter !== 'adbe.pkcs7.detached') {
    problems.push(`Type de signature /SubFilter /${subFilter ?? '?'} non pris en charge (seuls ETSI.CAdES.detached et adbe.pkcs7.detached sont acceptés).`);
  } else {
    try {
      const contents = (sig.get('Contents') as PdfString).bytes;
      const cms = checkCms(Buffer.from(contents), (alg) => hashOf(alg, a, b, c));
      digestAlgorithm = cms.digestAlgorithm;
      signer = describeCertificate(cms.signer);
      signingTime ??= cms.signingTime;
      if (!cms.digestMatches) problems.push('Le condensé signé ne correspond pas au contenu : le document a été modifié dans la partie signée.');
      if (!cms.signatureValid) problems.push('La signature cryptographique ne se vérifie pas avec la clé du certificat.');
      problems.push(...cms.problems);
      if (subFilter === 'ETSI.CAdES.detached' && !cms.hasSigningCertificateV2) problems.push('Attribut signing-certificate-v2 absent (exigé par PAdES).');
      integrity = cms.digestMatches && cms.signatureValid && cms.signerBindingOk;
      if (!allowsSigning(cms.signer)) problems.push('L’usage de clé du certificat n’autorise pas la signature.');
      if (claimed && cms.signingTime && Math.abs(claimed.getTime() - cms.signingTime.getTime()) > CLAIMED_TIME_TOLERANCE_MS) {
        problems.push(`Les deux heures de signature déclarées se contredisent (/M : ${claimed.toISOString()}, attribut signing-time : ${cms.signingTime.toISOString()}).`);
      }
      // A valid signature timestamp proves the signature existed at its time: the chain is
      // validated then. Without one the claimed time proves nothing: the chain is checked now.
      timestamp = timestampOf(Buffer.from(contents), ctx.anchors);
      if (timestamp?.status === 'invalid') problems.push(...timestamp.problems);
      const proven = timestamp?.status === 'valid' ? timestamp.time : undefined;
      if (proven && claimed && claimed.getTime() > proven.getTime() + CLAIMED_TIME_TOLERANCE_MS) {
        problems.push(`L’heure de signature déclarée (${claimed.toISOString()}) est postérieure à l’horodatage de la signature (${proven.toISOString()}).`);
      }
      const chainResult = validateChain(cms.signer, cms.certificates, ctx.anchors, proven ?? now);
      trust = chainResult.status;
      trustMessage = chainResult.message;
      chain = [...chainResult.chain];
      // Revocation, offline: the /DSS and the CMS's own revocation info, at the validation time.
      const dss = ctx.validationPool();
      const own = cmsRevocationInfo(Buffer.from(contents));
      const revPool = { certs: dss.certs, ocsps: [...dss.ocsps, ...own.ocsps], crls: [...dss.crls, ...own.crls] };
      revocation = revocationOf(cms.signer, cms.certificates, ctx.anchors, revPool, proven ?? now);
      revocationInputs = { signer: cms.signer, certificates: cms.certificates, own, at: proven ?? now };
      problems.push(...revocation.problems);
      // A TSA certificate revoked before its token's time: the timestamp proves nothing.
      if (proven && timestamp?.tsaCertificate) problems.push(...revocationOf(timestamp.tsaCertificate, timestamp.certificates, ctx.anchors, revPool, proven).problems.map((p) => `Horodatage : ${p}`));
      if (timestamp?.status === 'untrusted') trustMessage = `${trustMessage} Horodatage non pris en compte : ${timestamp.problems.join(' ')}`;
      if (trust === 'expired' && !proven) {
        const leaf = chain[0]!;
        trustMessage = new Date(leaf.notAfter).getTime() < now.getTime()
          ? `Certificat expiré : aucune preuve que la signature a été faite pendant sa validité (certificat de « ${leaf.commonName} » valable jusqu’au ${leaf.notAfter.slice(0, 10)}, signature sans horodatage).`
          : chainResult.message.replace('à la date de signature', 'à la date de la vérification');
      }
      if (claimed && signer && (claimed.getTime() < new Date(signer.notBefore).getTime() || claimed.getTime() > new Date(signer.notAfter).getTime())) {
        problems.push(`L’heure de signature déclarée (${claimed.toISOString()}) est hors de la période de validité du certificat (du ${signer.notBefore.slice(0, 10)} au ${signer.notAfter.slice(0, 10)}).`);
      }
    } catch (e) {
      problems.push(`Signature illisible : ${e instanceof Error ? e.message : String(e)}.`);
    }
  }

  let p: number | undefined;
  try {
    p = docMdpOf(file, sig);
  } catch {
    problems.push('Référence de certification (/Reference) illisible.');
  }
  let locks: FieldLock | undefined;
  try {
    locks = fieldLockOf(file, loc.field, sig);
  } catch {
    problems.push('Verrou de champs (/Lock) illisible.');
  }

  // The revision the signature covers must end where the cross-reference chain says one
  // ends (just after its %%EOF: the end of line may come with the next update), and must
  // hold this very signature.
  const k = (file.revisionAt(signedLength) ?? 0) - 1;
  let revision: number | undefined;
  if (k < 0) problems.push('La signature ne couvre pas une révision complète du fichier (la zone signée ne s’arrête pas à la fin d’une révision).');
  else if (problems.length === 0 || integrity) {
    revision = k + 1;
    try {
      const old = stateAt(ends[k]!).file;
      const inOld = old.entries.get(loc.sigNum!);
      const inNow = file.entries.get(loc.sigNum!);
      if (!inOld || inOld.type !== 'offset' || inNow?.type !== 'offset' || inOld.offset !== inNow.offset) {
        problems.push('Le dictionnaire de signature ne fait pas partie de la révision qu’il signe.');
      }
      const oldField = old.dict(loc.field.ref);
      if (!oldField || !sameValue(oldField.get('V'), loc.field.dict.get('V'))) problems.push('Le champ de signature ne désigne pas cette signature dans la révision signée.');
    } catch (e) {
      problems.push(`La révision signée est illisible : ${e instanceof Error ? e.message : String(e)}.`);
    }
  }
  return { loc, problems, integrity, signer, signingTime, subFilter, digestAlgorithm, trust, trustMessage, chain, revision, certification: p, locks, timestamp, revocation, documentTimestamp, revocationInputs };
}
