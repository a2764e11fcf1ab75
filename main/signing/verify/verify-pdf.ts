/**
 * The verifier. For each signature: structure (fails closed), integrity, the revision it
 * covers, the changes after it, the certificate chain against the trust list. Then one
 * verdict for the document.
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { parsePdfDate } from '../appearance';
import { describeCertificate, allowsSigning, type CertificateSummary } from '../crypto/certificate';
import { checkCms } from '../crypto/cms-verify';
import { validateChain, type TrustStatus } from '../crypto/chain';
import { endsWithEof, PdfFile } from '../pdf/file';
import { docMdpOf, findSignatureFields, type SignatureField } from '../pdf/fields';
import { PdfDict, PdfRef, PdfString, sameValue } from '../pdf/objects';
import { analyzeChanges } from './changes';

/** The four verdicts of the issue, plus « no signature at all ». */
export type Verdict = 'valid' | 'untrusted' | 'modified' | 'invalid' | 'unsigned';

/** Everything the verifier says about one signature (plain data, safe over IPC and in JSON). */
export interface SignatureReport {
  readonly index: number;
  readonly field: string;
  readonly page?: number;
  readonly signer?: CertificateSummary;
  readonly signingTime?: string;
  readonly subFilter?: string;
  readonly digestAlgorithm?: string;
  /** true when the digest matches the signed bytes and the CMS signature verifies. */
  readonly integrity: boolean;
  readonly byteRange?: readonly number[];
  /** 1-based revision the signature covers, and how many revisions the file has. */
  readonly revision?: number;
  readonly revisions: number;
  readonly coversWholeDocument: boolean;
  /** DocMDP P when this signature certifies the document. */
  readonly certification?: number;
  readonly changesAllowed: readonly string[];
  readonly changesDisallowed: readonly string[];
  readonly trust?: TrustStatus;
  readonly trustMessage?: string;
  readonly chain: readonly CertificateSummary[];
  readonly status: Exclude<Verdict, 'unsigned'>;
  /** French sentences, each a reason for a status other than valid. */
  readonly problems: readonly string[];
}

/** The verifier's answer for a document. */
export interface VerifyReport {
  readonly verdict: Verdict;
  /** French one-line summary. */
  readonly summary: string;
  readonly signatures: readonly SignatureReport[];
  readonly fileSize: number;
}

/** Options: the certificates the user trusts. */
export interface VerifyOptions {
  readonly trustAnchors: readonly X509Certificate[];
}

interface Located {
  readonly field: SignatureField;
  readonly sigNum?: number;
  readonly sig?: PdfDict;
  readonly range?: readonly [number, number, number, number];
  readonly problems: string[];
}

function countRevisions(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf('%%EOF', 0, 'latin1'); i >= 0 && i < end; i = bytes.indexOf('%%EOF', i + 5, 'latin1')) n++;
  return n;
}

/** Offsets just after each `%%EOF` (and its end of line): where revisions end. */
function revisionEnds(bytes: Buffer): number[] {
  const out: number[] = [];
  for (let i = bytes.indexOf('%%EOF', 0, 'latin1'); i >= 0; i = bytes.indexOf('%%EOF', i + 5, 'latin1')) {
    let end = i + 5;
    if (bytes[end] === 0x0d) end++;
    if (bytes[end] === 0x0a) end++;
    out.push(end);
  }
  return out;
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
  if (!endsWithEof(bytes, b + c)) problems.push('La signature ne couvre pas une révision complète du fichier (pas de %%EOF à la fin de la zone signée).');
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

function verifyInner(bytes: Buffer, options: VerifyOptions): VerifyReport {
  const file = PdfFile.open(bytes);
  const fields = findSignatureFields(file).filter((f) => f.value !== undefined);
  // Signatures that earlier revisions show but the current state no longer lists (a hidden
  // or replaced catalog, a removed field) are still verified, so that their loss shows up
  // as a forbidden change instead of a document that silently looks unsigned.
  const known = new Set(fields.map((f) => f.ref.num));
  for (const end of revisionEnds(bytes)) {
    if (end >= bytes.length) continue;
    let earlier: SignatureField[];
    try {
      earlier = findSignatureFields(PdfFile.open(bytes.subarray(0, end)));
    } catch {
      continue;
    }
    for (const f of earlier) {
      if (f.value !== undefined && !known.has(f.ref.num)) {
        known.add(f.ref.num);
        fields.push(f);
      }
    }
  }
  const located = fields.map((f): Located => {
    try {
      return locate(file, bytes, f);
    } catch (e) {
      return { field: f, problems: [`Dictionnaire de signature illisible : ${e instanceof Error ? e.message : String(e)}.`] };
    }
  });
  // Signature order is the order of the revisions they cover.
  located.sort((x, y) => (x.range ? x.range[2] + x.range[3] : Infinity) - (y.range ? y.range[2] + y.range[3] : Infinity));
  const totalRevisions = countRevisions(bytes, bytes.length + 1);
  const tail = bytes.toString('latin1', bytes.lastIndexOf('%%EOF', bytes.length, 'latin1') + 5).trim();
  let certification: number | undefined;
  const reports: SignatureReport[] = [];

  located.forEach((loc, i) => {
    const problems = [...loc.problems];
    const base = {
      index: i + 1,
      field: loc.field.name,
      page: loc.field.page,
      revisions: totalRevisions,
      chain: [] as CertificateSummary[],
    };
    if (!loc.range || !loc.sig) {
      reports.push({ ...base, integrity: false, coversWholeDocument: false, changesAllowed: [], changesDisallowed: [], status: 'invalid', problems });
      return;
    }
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
    const m = sig.get('M');
    if (m instanceof PdfString) signingTime = parsePdfDate(m.text());
    if (subFilter !== 'ETSI.CAdES.detached' && subFilter !== 'adbe.pkcs7.detached') {
      problems.push(`Type de signature /SubFilter /${subFilter ?? '?'} non pris en charge (seuls ETSI.CAdES.detached et adbe.pkcs7.detached sont acceptés).`);
    } else {
      try {
        const contents = (sig.get('Contents') as PdfString).bytes;
        const cms = checkCms(Buffer.from(contents), (alg) => createHash(alg).update(bytes.subarray(0, a)).update(bytes.subarray(b, b + c)).digest());
        digestAlgorithm = cms.digestAlgorithm;
        signer = describeCertificate(cms.signer);
        signingTime ??= cms.signingTime;
        if (!cms.digestMatches) problems.push('Le condensé signé ne correspond pas au contenu : le document a été modifié dans la partie signée.');
        if (!cms.signatureValid) problems.push('La signature cryptographique ne se vérifie pas avec la clé du certificat.');
        problems.push(...cms.problems);
        if (subFilter === 'ETSI.CAdES.detached' && !cms.hasSigningCertificateV2) problems.push('Attribut signing-certificate-v2 absent (exigé par PAdES).');
        integrity = cms.digestMatches && cms.signatureValid && cms.signerBindingOk;
        if (!allowsSigning(cms.signer)) problems.push('L’usage de clé du certificat n’autorise pas la signature.');
        const at = signingTime ?? new Date();
        const chainResult = validateChain(cms.signer, cms.certificates, options.trustAnchors, at);
        trust = chainResult.status;
        trustMessage = chainResult.message;
        chain = [...chainResult.chain];
      } catch (e) {
        problems.push(`Signature illisible : ${e instanceof Error ? e.message : String(e)}.`);
      }
    }

    // The revision the signature covers must hold this very signature.
    let revision: number | undefined;
    let changesAllowed: string[] = [];
    let changesDisallowed: string[] = [];
    let p: number | undefined;
    try {
      p = docMdpOf(file, sig);
    } catch {
      problems.push('Référence de certification (/Reference) illisible.');
    }
    if (p !== undefined) {
      if (i !== 0 || certification !== undefined) problems.push('Signature de certification qui n’est pas la première du document : refusée.');
      else certification = p;
    }
    if (problems.length === 0 || integrity) {
      try {
        const old = PdfFile.open(bytes.subarray(0, signedLength));
        revision = countRevisions(bytes, signedLength);
        const inOld = old.entries.get(loc.sigNum!);
        const inNow = file.entries.get(loc.sigNum!);
        if (!inOld || inOld.type !== 'offset' || inNow?.type !== 'offset' || inOld.offset !== inNow.offset) {
          problems.push('Le dictionnaire de signature ne fait pas partie de la révision qu’il signe.');
        }
        const oldField = old.dict(loc.field.ref);
        if (!oldField || !sameValue(oldField.get('V'), loc.field.dict.get('V'))) problems.push('Le champ de signature ne désigne pas cette signature dans la révision signée.');
        if (signedLength < bytes.length) {
          const later = new Set(located.slice(i + 1).filter((l) => l.range && l.sigNum !== undefined).map((l) => l.sigNum!));
          const r = analyzeChanges(old, file, { laterSignatures: later, certification });
          changesAllowed = r.allowed;
          changesDisallowed = r.disallowed;
          if (file.startxref < signedLength) changesDisallowed.push('des octets ont été ajoutés après la signature sans former une révision');
        }
        if (tail.length > 0) changesDisallowed.push('des octets ont été ajoutés après la fin du document');
      } catch (e) {
        problems.push(`La révision signée est illisible : ${e instanceof Error ? e.message : String(e)}.`);
      }
    }
    let status: SignatureReport['status'];
    if (problems.length > 0 || !integrity) status = 'invalid';
    else if (changesDisallowed.length > 0) status = 'modified';
    else if (trust === 'expired' || trust === 'invalid-chain') {
      status = 'invalid';
      if (trustMessage) problems.push(trustMessage);
    } else if (trust !== 'trusted') status = 'untrusted';
    else status = 'valid';
    reports.push({
      ...base,
      signer,
      signingTime: signingTime?.toISOString(),
      subFilter,
      digestAlgorithm,
      integrity,
      byteRange: loc.range,
      revision,
      coversWholeDocument: signedLength === bytes.length,
      certification: p,
      changesAllowed,
      changesDisallowed,
      trust,
      trustMessage,
      chain,
      status,
      problems,
    });
  });

  const verdict: Verdict = reports.length === 0 ? 'unsigned'
    : reports.some((r) => r.status === 'invalid') ? 'invalid'
    : reports.some((r) => r.status === 'modified') ? 'modified'
    : reports.some((r) => r.status === 'untrusted') ? 'untrusted'
    : 'valid';
  const summary = {
    unsigned: 'Ce document ne contient aucune signature.',
    valid: `Les ${reports.length} signature(s) sont valides, de confiance, et le document n’a pas été modifié depuis.`,
    untrusted: 'Les signatures sont intactes, mais au moins un certificat n’est pas garanti par une autorité de votre liste de confiance.',
    modified: 'Le document a été modifié après au moins une signature : ne vous fiez pas à son contenu actuel.',
    invalid: 'Au moins une signature est invalide : le document a été altéré ou la signature est mal formée.',
  }[verdict];
  return { verdict, summary, signatures: reports, fileSize: bytes.length };
}

