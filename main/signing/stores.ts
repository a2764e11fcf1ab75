/**
 * The identities and the trust list kept in the app data folder. A PKCS#12 is stored exactly
 * as imported (still encrypted) next to its public metadata; its password is never stored.
 * Trusted CA certificates are stored as DER. Both indexes are small JSON files rewritten
 * atomically by the main process only.
 */
import { X509Certificate } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../shared/errors';
import { allowsSigning, describeCertificate, parseCertificates, validAt, weakKey, type CertificateSummary } from './crypto/certificate';
import { openPkcs12, type OpenedIdentity } from './crypto/pkcs12';
import { writeAtomic } from './files';
import { TEST_IDENTITY_OU } from './test-identity';

/** An identity as listed to the user (no secret in it). */
export interface IdentityInfo {
  readonly id: string;
  readonly certificate: CertificateSummary;
  /** Self-signed « identité de test » made by Paraphe. */
  readonly isTest: boolean;
  readonly importedAt: string;
  /** Certificates of the chain held in the file, leaf excluded. */
  readonly chainLength: number;
}

/** A certificate of the trust list. */
export interface TrustedCertificate {
  readonly id: string;
  readonly certificate: CertificateSummary;
  readonly addedAt: string;
}

async function readJson<T>(path: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new UserError('STORE_CORRUPT', `Le fichier ${path} est illisible : restaurez-le depuis une sauvegarde ou supprimez-le pour repartir d’une liste vide.`);
  }
}

const idOf = (cert: X509Certificate) => cert.fingerprint256.replace(/:/g, '').toLowerCase();

/** Refuses a certificate that cannot sign now: expired, not yet valid, or wrong key usage. */
export function assertUsableForSigning(cert: X509Certificate, now = new Date()): void {
  const d = describeCertificate(cert);
  if (now.getTime() < new Date(d.notBefore).getTime()) throw new UserError('CERT_NOT_YET_VALID', `Le certificat de ${d.commonName} ne sera valable qu’à partir du ${d.notBefore.slice(0, 10)}.`);
  if (!validAt(cert, now)) throw new UserError('CERT_EXPIRED', `Le certificat de ${d.commonName} a expiré le ${d.notAfter.slice(0, 10)} : demandez-en un nouveau à votre autorité de certification.`);
  if (!allowsSigning(cert)) throw new UserError('CERT_USAGE', `Le certificat de ${d.commonName} n’est pas destiné à la signature (usage de clé) : importez votre certificat de signature.`);
  const short = weakKey(cert);
  if (short) throw new UserError('CERT_WEAK_KEY', `Ce certificat ne peut pas signer : ${short}. Demandez un certificat conforme à votre autorité de certification.`);
}

/** Identities stored under `<dataDir>/identities/`. */
export class IdentityStore {
  private readonly dir: string;
  private readonly index: string;
  /**
   * `open` opens a .p12 with its password: in the app, in the worker thread (the key
   * derivation may take seconds, main must not wait on it); here by default.
   */
  constructor(dataDir: string, private readonly opener: (p12: Buffer, password: string) => OpenedIdentity | Promise<OpenedIdentity> = openPkcs12) {
    this.dir = join(dataDir, 'identities');
    this.index = join(this.dir, 'index.json');
  }

  async list(): Promise<IdentityInfo[]> {
    return readJson<IdentityInfo[]>(this.index, []);
  }

  /** Checks the file opens with `password` and can sign, then keeps it unchanged. */
  async import(p12: Buffer, password: string, now = new Date()): Promise<IdentityInfo> {
    const opened = await this.opener(p12, password);
    assertUsableForSigning(opened.certificate, now);
    const summary = describeCertificate(opened.certificate);
    const info: IdentityInfo = {
      id: idOf(opened.certificate),
      certificate: summary,
      isTest: summary.selfSigned && summary.subject.includes(`OU=${TEST_IDENTITY_OU}`),
      importedAt: now.toISOString(),
      chainLength: opened.chain.length,
    };
    await writeAtomic(join(this.dir, `${info.id}.p12`), [p12]);
    const list = (await this.list()).filter((i) => i.id !== info.id);
    await writeAtomic(this.index, [Buffer.from(JSON.stringify([...list, info], null, 2))]);
    return info;
  }

  /** Opens a stored identity with the password the user just typed. */
  async open(id: string, password: string): Promise<OpenedIdentity> {
    if (!/^[0-9a-f]{64}$/.test(id) || !(await this.list()).some((i) => i.id === id)) {
      throw new UserError('IDENTITY_UNKNOWN', 'Cette identité n’est plus dans Paraphe : importez de nouveau votre certificat (.p12).');
    }
    return this.opener(await readFile(join(this.dir, `${id}.p12`)), password);
  }

  async remove(id: string): Promise<IdentityInfo[]> {
    const list = await this.list();
    const kept = list.filter((i) => i.id !== id);
    await writeAtomic(this.index, [Buffer.from(JSON.stringify(kept, null, 2))]);
    if (/^[0-9a-f]{64}$/.test(id)) await rm(join(this.dir, `${id}.p12`), { force: true });
    return kept;
  }
}

// parseCertificates lives in crypto/certificate.ts (`paraphe verify --trust` needs it without node-forge).
export { parseCertificates };

/** The trust list under `<dataDir>/trust/`. */
export class TrustStore {
  private readonly dir: string;
  private readonly index: string;
  constructor(dataDir: string) {
    this.dir = join(dataDir, 'trust');
    this.index = join(this.dir, 'index.json');
  }

  async list(): Promise<TrustedCertificate[]> {
    return readJson<TrustedCertificate[]>(this.index, []);
  }

  /** Adds the certificates of a PEM/DER file; returns the whole list. */
  async import(bytes: Buffer, now = new Date()): Promise<TrustedCertificate[]> {
    const certs = parseCertificates(bytes);
    if (certs.length === 0) throw new UserError('TRUST_BAD_FILE', 'Aucun certificat dans ce fichier. Choisissez le fichier du certificat de l’autorité (.pem, .crt ou .cer).');
    const list = await this.list();
    for (const c of certs) {
      const id = idOf(c);
      await writeAtomic(join(this.dir, `${id}.der`), [c.raw]);
      if (!list.some((t) => t.id === id)) list.push({ id, certificate: describeCertificate(c), addedAt: now.toISOString() });
    }
    await writeAtomic(this.index, [Buffer.from(JSON.stringify(list, null, 2))]);
    return list;
  }

  async remove(id: string): Promise<TrustedCertificate[]> {
    const kept = (await this.list()).filter((t) => t.id !== id);
    await writeAtomic(this.index, [Buffer.from(JSON.stringify(kept, null, 2))]);
    if (/^[0-9a-f]{64}$/.test(id)) await rm(join(this.dir, `${id}.der`), { force: true });
    return kept;
  }

  /** The trusted certificates, for the verifier. */
  async anchors(): Promise<X509Certificate[]> {
    const out: X509Certificate[] = [];
    for (const t of await this.list()) {
      try {
        out.push(new X509Certificate(await readFile(join(this.dir, `${t.id}.der`))));
      } catch {
        // A missing file only shrinks the trust list: the verifier then fails closed.
      }
    }
    return out;
  }
}

/** A PKCS#11 library the user added in « Identités » (the known middlewares are found, not stored). */
export interface Pkcs11ModuleEntry {
  readonly path: string;
  readonly addedAt: string;
}

/**
 * The card middlewares the user added, under `<dataDir>/pkcs11/modules.json`: only their paths.
 * A card's PIN is never stored anywhere, nor are its certificates (they are read from the card).
 */
export class Pkcs11ModuleStore {
  private readonly index: string;
  constructor(dataDir: string) {
    this.index = join(dataDir, 'pkcs11', 'modules.json');
  }

  async list(): Promise<Pkcs11ModuleEntry[]> {
    return readJson<Pkcs11ModuleEntry[]>(this.index, []);
  }

  /** Remembers a module path (once); returns the whole list. */
  async add(path: string, now = new Date()): Promise<Pkcs11ModuleEntry[]> {
    const list = await this.list();
    if (list.some((m) => m.path === path)) return list;
    const next = [...list, { path, addedAt: now.toISOString() }];
    await writeAtomic(this.index, [Buffer.from(JSON.stringify(next, null, 2))]);
    return next;
  }

  /** Forgets a module path; returns the whole list. */
  async remove(path: string): Promise<Pkcs11ModuleEntry[]> {
    const list = await this.list();
    const kept = list.filter((m) => m.path !== path);
    if (kept.length !== list.length) await writeAtomic(this.index, [Buffer.from(JSON.stringify(kept, null, 2))]);
    return kept;
  }
}
