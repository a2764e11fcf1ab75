/**
 * Test identities made by OpenSSL at test time (never committed): a private CA, RSA and
 * ECDSA P-256 leaves in modern AES PKCS#12 files, one in a `-legacy` (3DES/RC2) file, and an
 * NSS database trusting the CA for pdfsig.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { scratchDir } from '../scratch';

/** Password of every generated PKCS#12 (made up at test time). */
export const TEST_PASSWORD = `pw-${process.pid}-essai`;

/** Files of one generated identity. */
export interface TestIdentity {
  readonly p12: string;
  readonly cert: string;
  readonly key: string;
  readonly nick: string;
}

/** A generated PKI in a temp folder. */
export interface TestPki {
  readonly dir: string;
  readonly caPem: string;
  readonly caKey: string;
  readonly rsa: TestIdentity;
  readonly ec: TestIdentity;
  readonly legacy: TestIdentity;
  /** Another RSA signer (third signatory). */
  readonly rsa2: TestIdentity;
  /** NSS database trusting the CA (`sql:` prefix included). */
  readonly nssDir: string;
}

const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

function leaf(dir: string, id: string, cn: string, org: string, kind: 'rsa' | 'ec', legacy: boolean): TestIdentity {
  const key = join(dir, `${id}.key`);
  const csr = join(dir, `${id}.csr`);
  const cert = join(dir, `${id}.pem`);
  const p12 = join(dir, `${id}.p12`);
  const newkey = kind === 'rsa' ? ['-newkey', 'rsa:2048'] : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  run('openssl', ['req', '-new', ...newkey, '-nodes', '-keyout', key, '-out', csr, '-utf8', '-subj', `/CN=${cn}/O=${org}`], dir);
  writeFileSync(join(dir, `${id}.ext`), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n');
  run('openssl', ['x509', '-req', '-in', csr, '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca.key'), '-CAcreateserial', '-days', '30', '-sha256', '-extfile', join(dir, `${id}.ext`), '-out', cert], dir);
  run('openssl', ['pkcs12', '-export', ...(legacy ? ['-legacy'] : []), '-inkey', key, '-in', cert, '-certfile', join(dir, 'ca.pem'), '-name', id, '-out', p12, '-passout', `pass:${TEST_PASSWORD}`], dir);
  return { p12, cert, key, nick: id };
}

/** Creates the CA, the identities and the NSS database. */
export function makeTestPki(): TestPki {
  const dir = scratchDir('paraphe-pki-');
  run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '60', '-utf8', '-subj', '/CN=Autorité de test Paraphe/O=Paraphe',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  const rsa = leaf(dir, 'huet', 'Brice HUET', 'MTES', 'rsa', false);
  const ec = leaf(dir, 'soule', 'Patrick SOULÉ', 'MTES', 'ec', false);
  const legacy = leaf(dir, 'bouhanna', 'Nadi BOU HANNA', 'DINUM', 'rsa', true);
  const rsa2 = leaf(dir, 'guyot', 'Patrice GUYOT', 'MTES', 'rsa', false);
  const nss = join(dir, 'nss');
  run('mkdir', ['-p', nss], dir);
  const nssDir = `sql:${nss}`;
  run('certutil', ['-N', '--empty-password', '-d', nssDir], dir);
  run('certutil', ['-A', '-t', ',C,', '-n', 'ca', '-i', join(dir, 'ca.pem'), '-d', nssDir], dir);
  // OpenSSL 3.0 cannot backdate: the leaves start "now"; let the clock pass their first second.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1100);
  return { dir, caPem: join(dir, 'ca.pem'), caKey: join(dir, 'ca.key'), rsa, ec, legacy, rsa2, nssDir };
}

/** Imports an identity's key into the NSS db so that `pdfsig -add-signature -nick` can use it. */
export function importIntoNss(pki: TestPki, id: TestIdentity): void {
  run('pk12util', ['-i', id.p12, '-d', pki.nssDir, '-W', TEST_PASSWORD, '-K', ''], pki.dir);
}

/** A leaf signed by the CA with custom validity/usage, made with node-forge (OpenSSL 3.0 cannot backdate). */
export function makeOddLeaf(pki: TestPki, opts: { notBefore: Date; notAfter: Date; keyUsage?: 'encipherOnly' }): string {
  const caCert = forge.pki.certificateFromPem(readFileSync(pki.caPem, 'utf8'));
  const caKey = forge.pki.privateKeyFromPem(readFileSync(pki.caKey, 'utf8'));
  // RSA 2048 (the shortest key Paraphe signs with), made by Node: node-forge takes seconds for it.
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys = {
    privateKey: forge.pki.privateKeyFromPem(pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    publicKey: forge.pki.publicKeyFromPem(pair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '0' + Math.floor(Math.random() * 1e12).toString(16);
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject([{ name: 'commonName', value: 'Agent Périmé' }, { name: 'organizationName', value: 'MTES' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([opts.keyUsage ? { name: 'keyUsage', keyEncipherment: true, digitalSignature: false } : { name: 'keyUsage', digitalSignature: true }]);
  cert.sign(caKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], TEST_PASSWORD, { algorithm: '3des' });
  const path = join(pki.dir, `odd-${Math.random().toString(36).slice(2)}.p12`);
  writeFileSync(path, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
  return path;
}

/** pdfsig's verdict, parsed from its text (it exits 0 even on a digest mismatch). */
export interface PdfsigReport {
  readonly text: string;
  readonly valid: number;
  readonly trusted: number;
  readonly totalSigned: number;
  readonly signatures: number;
}

/**
 * Runs `pdfsig -nssdir …` on a file. Not with `-no-ocsp`: poppler 22.12 then reports
 * « Unknown issue with Certificate » for every certificate (our test certificates carry no
 * OCSP address, so nothing goes to the network).
 */
export function pdfsig(pki: TestPki, file: string): PdfsigReport {
  let text: string;
  try {
    text = execFileSync('pdfsig', ['-nssdir', pki.nssDir, file], { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  } catch (e) {
    const err = e as { stdout?: Buffer; stderr?: Buffer };
    text = `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`;
  }
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  return {
    text,
    valid: count(/Signature Validation: Signature is Valid\./g),
    trusted: count(/Certificate Validation: Certificate is Trusted\./g),
    totalSigned: count(/Total document signed/g),
    signatures: count(/^Signature #\d+:/gm),
  };
}
