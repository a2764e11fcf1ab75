/**
 * A signer whose key stays on the card: the CMS builder hands it the signed attributes, the
 * card signs their SHA-256 (RSA PKCS#1 v1.5 or ECDSA), and the result is checked against the
 * certificate's public key before it goes into the PDF, so that a key paired with the wrong
 * certificate is caught here and not by the recipient's verifier.
 */
import { createHash, verify, type X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { allowsSigning, describeCertificate } from '../crypto/certificate';
import type { CallbackSigner } from '../crypto/cms';
import { derNull, octets, oid, seq, tlv } from '../crypto/der';
import { OID } from '../crypto/oids';
import { pinLocked } from './errors';
import { loadModule, pkcs11js } from './module';
import { call, closeSession, findToken, login, readObjects, readToken, type CardEntry, type TokenSummary } from './token';

/** Which key of which token, and how to unlock it. */
export interface CardKeyRequest {
  readonly modulePath: string;
  /** The token's label or serial number; may be left out when one token is present. */
  readonly token?: string;
  /** `CKA_ID` in hex (any case, colons allowed). */
  readonly keyId?: string;
  /** `CKA_LABEL` of the key or of its certificate. */
  readonly keyLabel?: string;
  /** Absent for a reader with a PIN pad (protected authentication path). */
  readonly pin?: string;
  /** Forces a mechanism (tests, benchmarks); by default CKM_RSA_PKCS / CKM_ECDSA. */
  readonly mechanism?: 'CKM_RSA_PKCS' | 'CKM_SHA256_RSA_PKCS' | 'CKM_ECDSA';
}

/** A card signer: signs through the card until `close()` logs out and closes the session. */
export interface CardSigner extends CallbackSigner {
  readonly token: TokenSummary;
  readonly keyId: string;
  readonly keyLabel?: string;
  /** The PKCS#11 mechanism the signatures use. */
  readonly mechanism: string;
  close(): void;
}

/** DigestInfo of a SHA-256 digest, what CKM_RSA_PKCS signs (RFC 8017 §9.2). */
export function sha256DigestInfo(digest: Buffer): Buffer {
  return seq(seq(oid(OID.sha256), derNull()), octets(digest));
}

/** The token's raw ECDSA signature r‖s as the DER ECDSA-Sig-Value the CMS carries. */
export function ecdsaRawToDer(raw: Buffer): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new UserError('PKCS11_BAD_SIGNATURE', 'La carte a rendu une signature ECDSA mal formée : retirez-la, rebranchez-la puis réessayez.');
  const half = raw.length / 2;
  const integer = (b: Buffer) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    return tlv(0x02, v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
  };
  return seq(integer(raw.subarray(0, half)), integer(raw.subarray(half)));
}

const normalizeId = (id: string) => id.replace(/[:\s]/g, '').toLowerCase();

function describeEntry(e: CardEntry): string {
  return e.certificate ? `« ${describeCertificate(e.certificate).commonName} »${e.label ? ` (${e.label})` : ''}` : `« ${e.label ?? e.keyId} »`;
}

/** Picks the entry asked for and refuses one that cannot sign, saying why in French. */
export function chooseEntry(entries: readonly CardEntry[], req: Pick<CardKeyRequest, 'keyId' | 'keyLabel'>, tokenLabel: string): CardEntry {
  let matches: CardEntry[];
  if (req.keyId !== undefined) matches = entries.filter((e) => e.keyId === normalizeId(req.keyId!));
  else if (req.keyLabel !== undefined) matches = entries.filter((e) => e.label === req.keyLabel);
  else matches = entries.filter((e) => e.certificate && e.privateKey === 'found' && allowsSigning(e.certificate));
  const asked = req.keyId !== undefined ? `d’identifiant ${normalizeId(req.keyId)}` : req.keyLabel !== undefined ? `« ${req.keyLabel} »` : 'de signature';
  if (matches.length === 0) {
    const seen = entries.map(describeEntry).join(', ') || 'aucune';
    throw new UserError('PKCS11_KEY_NOT_FOUND', `La carte « ${tokenLabel} » n’a pas de clé ${asked} (clés vues : ${seen}). Vérifiez --key-label ou --key-id avec « paraphe identity list --pkcs11 ».`);
  }
  if (matches.length > 1) {
    throw new UserError('PKCS11_KEY_AMBIGUOUS', `Plusieurs clés ${asked} sur la carte « ${tokenLabel} » (${matches.map(describeEntry).join(', ')}) : précisez --key-id.`);
  }
  const entry = matches[0]!;
  if (!entry.certificate) {
    throw new UserError('PKCS11_KEY_WITHOUT_CERTIFICATE', `La clé ${describeEntry(entry)} de la carte « ${tokenLabel} » n’a pas de certificat sur la carte : elle ne peut pas signer un document. Demandez à votre correspondant d’y inscrire le certificat, ou choisissez une autre clé.`);
  }
  if (entry.privateKey !== 'found') {
    throw new UserError('PKCS11_CERTIFICATE_WITHOUT_KEY', `Le certificat ${describeEntry(entry)} de la carte « ${tokenLabel} » n’a pas de clé privée sur la carte : il ne peut pas signer. Choisissez le certificat de signature de la carte, ou contactez votre correspondant.`);
  }
  return entry;
}

/** The issuers of `leaf` found among `certs`, nearest first. */
function chainOf(leaf: X509Certificate, certs: readonly X509Certificate[]): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current = leaf;
  for (let depth = 0; depth < 6; depth++) {
    const issuer = certs.find((c) => c !== current && !chain.includes(c) && c.fingerprint256 !== leaf.fingerprint256 && current.checkIssued(c));
    if (!issuer || issuer.fingerprint256 === current.fingerprint256) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

/**
 * Logs in to the token and finds the key: the returned signer signs through the card until
 * `close()`. The PIN is kept in the closure only when the key asks for it at each signature
 * (`CKA_ALWAYS_AUTHENTICATE`), and dropped at `close()`.
 */
export function openCardSigner(req: CardKeyRequest): CardSigner {
  const p = pkcs11js();
  const mod = loadModule(req.modulePath);
  const { slot, token } = findToken(mod, req.modulePath, req.token);
  // A locked card is not sent the PIN at all.
  if (token.pin.locked) throw pinLocked();
  const session = call('ouverture de session', () => mod.C_OpenSession(slot, p.CKF_SERIAL_SESSION));
  let pin = req.pin;
  let open = true;
  let loggedIn = false;
  const close = () => {
    if (!open) return;
    open = false;
    pin = undefined;
    closeSession(mod, session, loggedIn);
  };
  try {
    if (token.loginRequired) {
      login(mod, slot, session, token, req.pin);
      loggedIn = true;
    }
    const { entries, certificates, keys } = readObjects(mod, session, token.loginRequired, token.loginRequired);
    const entry = chooseEntry(entries, req, token.label);
    const certificate = entry.certificate!;
    const key = keys.find((k) => k.keyId === entry.keyId)!;
    const publicKey = certificate.publicKey;
    const kind = publicKey.asymmetricKeyType;
    if (kind !== 'rsa' && kind !== 'ec') {
      throw new UserError('CERT_KEY_TYPE', `Ce certificat utilise une clé ${kind ?? 'inconnue'} : Paraphe signe avec des clés RSA ou ECDSA. Demandez un certificat de signature RSA ou ECDSA à votre autorité.`);
    }
    const offered = new Set(call('liste des mécanismes', () => mod.C_GetMechanismList(slot)));
    const mechanism = req.mechanism
      ?? (kind === 'ec' ? 'CKM_ECDSA' : offered.has(p.CKM_RSA_PKCS) ? 'CKM_RSA_PKCS' : 'CKM_SHA256_RSA_PKCS');
    const mechanismId = p[mechanism];
    if (!offered.has(mechanismId)) {
      throw new UserError('PKCS11_MECHANISM', `La carte « ${token.label} » ne propose pas la signature ${kind === 'ec' ? 'ECDSA' : 'RSA PKCS#1'} (${mechanism}) qu’exige une signature PAdES : utilisez une autre carte ou un certificat .p12.`);
    }
    const sign = (data: Buffer, hash: 'sha256'): Buffer => {
      if (!open) throw new Error('session de carte fermée');
      const digest = createHash(hash).update(data).digest();
      const input = mechanism === 'CKM_SHA256_RSA_PKCS' ? data : mechanism === 'CKM_RSA_PKCS' ? sha256DigestInfo(digest) : digest;
      const raw = call('signature', () => {
        mod.C_SignInit(session, { mechanism: mechanismId }, key.handle);
        // Qualified keys ask for the PIN again for each signature (context-specific login).
        if (key.alwaysAuthenticate) login(mod, slot, session, token, pin, p.CKU_CONTEXT_SPECIFIC);
        return mod.C_Sign(session, input, Buffer.alloc(1024));
      }, () => readToken(mod, slot).pin);
      const signature = kind === 'ec' ? ecdsaRawToDer(raw) : Buffer.from(raw);
      if (!verify(hash, data, publicKey, signature)) {
        throw new UserError('PKCS11_KEY_MISMATCH', `La clé « ${entry.label ?? entry.keyId} » de la carte ne correspond pas à son certificat : la signature ne serait pas valable. Contactez votre correspondant pour faire vérifier la carte. Aucun fichier n’a été écrit.`);
      }
      return signature;
    };
    if (!key.alwaysAuthenticate) pin = undefined;
    return { sign, certificate, chain: chainOf(certificate, certificates), token, keyId: entry.keyId, keyLabel: entry.label, mechanism, close };
  } catch (e) {
    close();
    throw e;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs card operations one at a time in this process: a PKCS#11 login belongs to the whole
 * application, so a second signature's logout would end the first one's session mid-way.
 */
export function exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}

/** Opens the card signer, runs `fn` with it, then always logs out and closes the session; one at a time. */
export function withCardSigner<T>(req: CardKeyRequest, fn: (signer: CardSigner) => Promise<T> | T): Promise<T> {
  return exclusive(async () => {
    const signer = openCardSigner(req);
    try {
      return await fn(signer);
    } finally {
      signer.close();
    }
  });
}
