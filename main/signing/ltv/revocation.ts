/**
 * Revocation data for PAdES B-LT: an OCSP request to the address in each certificate's
 * authorityInfoAccess (id-ad-ocsp, HTTP POST application/ocsp-request), else the CRL of its
 * CRL distribution point; and the checks the signer (on a fresh answer) and the verifier
 * (offline, from the /DSS) both make: the OCSP response signed by the issuer or by a responder
 * the issuer delegated (id-kp-OCSPSigning), its CertID, thisUpdate/nextUpdate; the CRL signed by
 * the issuer, its validity, and whether it lists the certificate.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import { AsnConvert, AsnParser, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, AuthorityInfoAccessSyntax, Certificate, CertificateList, CRLDistributionPoints, ExtendedKeyUsage } from '@peculiar/asn1-x509';
import { BasicOCSPResponse, CertID, id_kp_OCSPSigning, id_pkix_ocsp_basic, OCSPRequest, OCSPResponse, OCSPResponseStatus, Request, TBSRequest } from '@peculiar/asn1-ocsp';
import { UserError } from '../../../shared/errors';
import { describeCertificate, tbsParts, unusableKey, validAt, weakCertificateSignature, weakKey } from '../crypto/certificate';
import { child, content, parseDer, raw } from '../crypto/der';
import { HASH_BY_OID, OID } from '../crypto/oids';
import { postBinary, getBinary, type HttpOptions } from './http';
import { SIG_HASH } from './timestamp-token';

const OID_AIA = '1.3.6.1.5.5.7.1.1';
const OID_CDP = '2.5.29.31';
const OID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
const OID_EKU = '2.5.29.37';

/** Clocks of the signer, the responder and the CA may differ by this much. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** What revocation data says of one certificate. */
export interface RevocationStatus {
  readonly source: 'ocsp' | 'crl';
  readonly status: 'good' | 'revoked' | 'unknown';
  /** OCSP producedAt, or the CRL's thisUpdate. */
  readonly producedAt: Date;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly revokedAt?: Date;
}

/** Why a piece of revocation data cannot be used (French, for the report). */
export class RevocationError extends Error {}

function extensionOf(cert: X509Certificate, oid: string) {
  return AsnParser.parse(cert.raw, Certificate).tbsCertificate.extensions?.find((e) => e.extnID === oid);
}

/** The OCSP responders' addresses (http: only) named by the certificate's AIA. */
export function ocspUrls(cert: X509Certificate): string[] {
  const ext = extensionOf(cert, OID_AIA);
  if (!ext) return [];
  return AsnParser.parse(ext.extnValue.buffer, AuthorityInfoAccessSyntax)
    .filter((ad) => ad.accessMethod === OID_AD_OCSP && ad.accessLocation.uniformResourceIdentifier)
    .map((ad) => ad.accessLocation.uniformResourceIdentifier!)
    .filter((u) => /^https?:\/\//i.test(u));
}

/** The CRL addresses (http: only) of the certificate's distribution points. */
export function crlUrls(cert: X509Certificate): string[] {
  const ext = extensionOf(cert, OID_CDP);
  if (!ext) return [];
  const out: string[] = [];
  for (const dp of AsnParser.parse(ext.extnValue.buffer, CRLDistributionPoints)) {
    for (const gn of dp.distributionPoint?.fullName ?? []) {
      if (gn.uniformResourceIdentifier && /^https?:\/\//i.test(gn.uniformResourceIdentifier)) out.push(gn.uniformResourceIdentifier);
    }
  }
  return out;
}

/** The issuer's public key as a BIT STRING's bits (what an OCSP issuerKeyHash covers). */
function publicKeyBits(cert: X509Certificate): Buffer {
  return Buffer.from(AsnParser.parse(cert.raw, Certificate).tbsCertificate.subjectPublicKeyInfo.subjectPublicKey);
}

/** The CertID of `cert` issued by `issuer`, with `hash` (SHA-1 by default, as RFC 5019 asks). */
export function certIdOf(cert: X509Certificate, issuer: X509Certificate, hash = 'sha1'): CertID {
  const hashOid = Object.entries(HASH_BY_OID).find(([, n]) => n === hash)![0];
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: hashOid, parameters: null }),
    issuerNameHash: new OctetString(createHash(hash).update(raw(tbsParts(issuer.raw).subject)).digest()),
    issuerKeyHash: new OctetString(createHash(hash).update(publicKeyBits(issuer)).digest()),
    serialNumber: new Uint8Array(content(tbsParts(cert.raw).serial)).buffer,
  });
}

function sameCertId(a: CertID, cert: X509Certificate, issuer: X509Certificate): boolean {
  const hash = HASH_BY_OID[a.hashAlgorithm.algorithm];
  if (!hash) return false;
  const b = certIdOf(cert, issuer, hash);
  return Buffer.from(a.issuerNameHash.buffer).equals(Buffer.from(b.issuerNameHash.buffer))
    && Buffer.from(a.issuerKeyHash.buffer).equals(Buffer.from(b.issuerKeyHash.buffer))
    && Buffer.from(a.serialNumber).equals(Buffer.from(b.serialNumber));
}

/** The DER OCSPRequest for `cert` (one request, no nonce: responses are kept in the PDF). */
export function ocspRequest(cert: X509Certificate, issuer: X509Certificate): Buffer {
  const req = new OCSPRequest({ tbsRequest: new TBSRequest({ requestList: [new Request({ reqCert: certIdOf(cert, issuer) })] }) });
  return Buffer.from(AsnConvert.serialize(req));
}

/** Checks a signature made by `signer` over `tbs` (exact bytes) with the algorithm `sigAlg`. */
function signedBy(tbs: Buffer, sigAlg: string, signature: Buffer, signer: X509Certificate): boolean {
  if (!(sigAlg in SIG_HASH) || sigAlg === OID.rsaEncryption) return false;
  if (unusableKey(signer)) return false;
  const rsa = signer.publicKey.asymmetricKeyType === 'rsa';
  if (rsa !== sigAlg.startsWith('1.2.840.113549.1.1.')) return false;
  try {
    return verify(SIG_HASH[sigAlg]!, tbs, signer.publicKey, signature);
  } catch {
    return false;
  }
}

function ocspSigning(cert: X509Certificate): boolean {
  const ext = extensionOf(cert, OID_EKU);
  return ext !== undefined && AsnParser.parse(ext.extnValue.buffer, ExtendedKeyUsage).includes(id_kp_OCSPSigning);
}

/** The signed part (tbsResponseData) of a BasicOCSPResponse, as its exact bytes. */
function basicOf(der: Buffer): { basic: BasicOCSPResponse; tbs: Buffer; bytes: Buffer } {
  if (parseDer(der).end !== der.length) throw new RevocationError('octets inattendus après la réponse OCSP');
  const resp = AsnParser.parse(der, OCSPResponse);
  if (resp.responseStatus !== OCSPResponseStatus.successful) throw new RevocationError(`le répondeur OCSP a répondu par le statut ${OCSPResponseStatus[resp.responseStatus] ?? resp.responseStatus}`);
  if (!resp.responseBytes || resp.responseBytes.responseType !== id_pkix_ocsp_basic) throw new RevocationError('réponse OCSP sans réponse de base');
  const bytes = Buffer.from(resp.responseBytes.response.buffer);
  const basic = AsnParser.parse(bytes, BasicOCSPResponse);
  return { basic, tbs: raw(child(parseDer(bytes), 0, 0x30)), bytes };
}

/**
 * Checks an OCSP response (DER OCSPResponse) about `cert` issued by `issuer`: signed by the
 * issuer or by a responder certificate the issuer issued with id-kp-OCSPSigning (valid at
 * producedAt), a SingleResponse whose CertID names `cert`, thisUpdate not in the future of
 * producedAt. Throws RevocationError.
 */
export function checkOcspResponse(der: Buffer, cert: X509Certificate, issuer: X509Certificate): RevocationStatus {
  const { basic, tbs } = basicOf(der);
  const data = basic.tbsResponseData;
  const single = data.responses.find((r) => sameCertId(r.certID, cert, issuer));
  if (!single) throw new RevocationError('la réponse OCSP ne porte pas sur ce certificat');
  const signature = Buffer.from(basic.signature);
  const sigAlg = basic.signatureAlgorithm.algorithm;
  const embedded = (basic.certs ?? []).slice(0, 8).map((c) => new X509Certificate(Buffer.from(AsnConvert.serialize(c))));
  let responder: X509Certificate | undefined;
  if (signedBy(tbs, sigAlg, signature, issuer)) responder = issuer;
  else {
    responder = embedded.find((r) => {
      try {
        return r.checkIssued(issuer) && r.verify(issuer.publicKey) && ocspSigning(r) && validAt(r, data.producedAt) && signedBy(tbs, sigAlg, signature, r);
      } catch {
        return false;
      }
    });
  }
  // The responder is a link of the chain like any other: signed over SHA-2, its key long enough.
  const weak = responder && (responder === issuer ? weakKey(issuer) : (weakCertificateSignature(responder) ?? weakKey(responder)));
  if (weak) throw new RevocationError(`le répondeur OCSP ne peut être retenu : ${weak}`);
  if (!responder) throw new RevocationError(`la réponse OCSP n’est signée ni par « ${describeCertificate(issuer).commonName} » ni par un répondeur qu’elle a délégué`);
  if (single.thisUpdate.getTime() > data.producedAt.getTime() + CLOCK_SKEW_MS) throw new RevocationError('la réponse OCSP est datée après sa production');
  if (single.nextUpdate && single.nextUpdate.getTime() < single.thisUpdate.getTime()) throw new RevocationError('la réponse OCSP expire avant sa date');
  const s = single.certStatus;
  const status = s.revoked ? 'revoked' : s.good !== undefined ? 'good' : 'unknown';
  return { source: 'ocsp', status, producedAt: data.producedAt, thisUpdate: single.thisUpdate, nextUpdate: single.nextUpdate, revokedAt: s.revoked?.revocationTime };
}

/**
 * Checks a CRL (DER CertificateList) against `issuer` (its name and signature) and looks
 * `cert` up in it. Throws RevocationError.
 */
export function checkCrl(der: Buffer, cert: X509Certificate, issuer: X509Certificate): RevocationStatus {
  if (parseDer(der).end !== der.length) throw new RevocationError('octets inattendus après la liste de révocation');
  const crl = AsnParser.parse(der, CertificateList);
  const tbs = raw(child(parseDer(der), 0, 0x30));
  if (!Buffer.from(AsnConvert.serialize(crl.tbsCertList.issuer)).equals(raw(tbsParts(issuer.raw).subject))) throw new RevocationError('la liste de révocation n’est pas celle de l’émetteur du certificat');
  if (!signedBy(tbs, crl.signatureAlgorithm.algorithm, Buffer.from(crl.signature), issuer)) throw new RevocationError('la signature de la liste de révocation ne se vérifie pas');
  const thisUpdate = crl.tbsCertList.thisUpdate.getTime();
  const nextUpdate = crl.tbsCertList.nextUpdate?.getTime();
  if (nextUpdate && nextUpdate.getTime() < thisUpdate.getTime()) throw new RevocationError('la liste de révocation expire avant sa date');
  const serial = content(tbsParts(cert.raw).serial);
  const entry = crl.tbsCertList.revokedCertificates?.find((r) => Buffer.from(r.userCertificate).equals(serial));
  return { source: 'crl', status: entry ? 'revoked' : 'good', producedAt: thisUpdate, thisUpdate, nextUpdate, revokedAt: entry?.revocationDate.getTime() };
}

/** Whether `at` falls inside the validity the data announces (thisUpdate … nextUpdate). */
export function freshAt(s: RevocationStatus, at: Date): boolean {
  return s.thisUpdate.getTime() <= at.getTime() + CLOCK_SKEW_MS && (!s.nextUpdate || s.nextUpdate.getTime() + CLOCK_SKEW_MS >= at.getTime());
}

/** The revocation data gathered for a chain, ready for the /DSS. */
export interface ValidationData {
  readonly certs: Buffer[];
  readonly ocsps: Buffer[];
  readonly crls: Buffer[];
  /** The status found for each certificate checked, by SHA-256 fingerprint. */
  readonly statuses: Map<string, RevocationStatus>;
}

/** An empty set of validation data. */
export function emptyValidationData(): ValidationData {
  return { certs: [], ocsps: [], crls: [], statuses: new Map() };
}

/** The issuer of `cert` among `pool` (names and signature checked). */
export function issuerIn(cert: X509Certificate, pool: readonly X509Certificate[]): X509Certificate | undefined {
  return pool.find((p) => {
    try {
      return p.fingerprint256 !== cert.fingerprint256 && cert.checkIssued(p) && cert.verify(p.publicKey);
    } catch {
      return false;
    }
  });
}

/** `leaf` and its issuers found in `pool`, up to a self-signed certificate or a missing issuer. */
export function chainOf(leaf: X509Certificate, pool: readonly X509Certificate[]): X509Certificate[] {
  const path = [leaf];
  for (let cur = leaf; path.length < 10;) {
    const next = issuerIn(cur, pool);
    if (!next || path.some((p) => p.fingerprint256 === next.fingerprint256)) break;
    path.push(next);
    cur = next;
  }
  return path;
}

const OCSP_POST = { contentType: 'application/ocsp-request', accept: 'application/ocsp-response', what: 'Le répondeur OCSP' };

/**
 * Asks for the revocation status of each certificate of `chain` (leaf first) but the last
 * self-signed one: OCSP first, the CRL when there is no responder or it answers badly. The
 * data is checked before it is kept, and added to `into`. A certificate that names no
 * service is left without data; one whose services all fail is a UserError (nothing written).
 */
export async function fetchRevocation(chain: readonly X509Certificate[], opts: HttpOptions, into: ValidationData = emptyValidationData(), now = new Date()): Promise<ValidationData> {
  for (const c of chain) if (!into.certs.some((b) => b.equals(c.raw))) into.certs.push(c.raw);
  for (let i = 0; i < chain.length - 1; i++) {
    const cert = chain[i]!;
    const issuer = chain[i + 1]!;
    if (into.statuses.has(cert.fingerprint256)) continue;
    const failures: string[] = [];
    let done = false;
    for (const url of ocspUrls(cert)) {
      try {
        const body = await postBinary(url, ocspRequest(cert, issuer), OCSP_POST, opts);
        const s = checkOcspResponse(body, cert, issuer);
        if (!freshAt(s, now)) throw new RevocationError('la réponse OCSP n’est pas à jour');
        // « unknown »: the responder does not know the certificate; the CRL may.
        if (s.status === 'unknown') throw new RevocationError('le répondeur ne connaît pas ce certificat');
        into.ocsps.push(body);
        into.statuses.set(cert.fingerprint256, s);
        done = true;
        break;
      } catch (e) {
        failures.push(`${url} : ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    for (const url of done ? [] : crlUrls(cert)) {
      try {
        const body = await getBinary(url, 'La liste de révocation', opts);
        const s = checkCrl(body, cert, issuer);
        if (!freshAt(s, now)) throw new RevocationError('la liste de révocation n’est pas à jour');
        if (!into.crls.some((b) => b.equals(body))) into.crls.push(body);
        into.statuses.set(cert.fingerprint256, s);
        done = true;
        break;
      } catch (e) {
        failures.push(`${url} : ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (!done && failures.length > 0) {
      throw new UserError('REVOCATION_UNAVAILABLE', `L’état de révocation du certificat « ${describeCertificate(cert).commonName} » n’a pas pu être obtenu (${failures.join(' ; ')}). Vérifiez votre connexion au réseau, puis réessayez.`);
    }
  }
  return into;
}

/** « 3 décembre 2026 à 19:41 (UTC) ». */
function frenchUtc(d: Date): string {
  return `${new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(d)} (UTC)`;
}

/** Throws a UserError when `data` says the TSA's certificate `tsa` is revoked. */
export function refuseRevokedTsa(tsa: X509Certificate, url: string, data: ValidationData): void {
  const s = data.statuses.get(tsa.fingerprint256);
  if (s?.status === 'revoked') {
    throw new UserError('TSA_REVOKED', `Le certificat de l’autorité d’horodatage (${url}) est révoqué depuis le ${s.revokedAt ? frenchUtc(s.revokedAt) : '(date inconnue)'} : la signature n’a pas été faite. Choisissez une autre autorité d’horodatage dans les réglages.`);
  }
}

/** Throws the signer's UserError when `data` says the certificate `leaf` is revoked. */
export function refuseRevoked(leaf: X509Certificate, data: ValidationData): void {
  const s = data.statuses.get(leaf.fingerprint256);
  if (s?.status === 'revoked') {
    throw new UserError('SIGNER_REVOKED', `Votre certificat est révoqué depuis le ${s.revokedAt ? frenchUtc(s.revokedAt) : '(date inconnue)'} : demandez un nouveau certificat. La signature n’a pas été faite.`);
  }
}
