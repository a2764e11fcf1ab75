/**
 * A real PKCS#11 token for the tests: SoftHSM2 initialised in a temp folder (SOFTHSM2_CONF),
 * keys generated on the token by OpenSC's pkcs11-tool, certificates issued by the test CA
 * (test/helpers/signing/pki.ts) from the token's public keys and written back to the token.
 * The PINs are made up at test time (a test looking for the PIN in files passes a distinctive one).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scratchDir } from '../scratch';
import type { TestPki } from './pki';

/** Debian's SoftHSM2 module. */
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

/** True when SoftHSM2 and pkcs11-tool are installed (the tests say so when they are not). */
export function softhsmAvailable(): boolean {
  const has = (cmd: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return existsSync(SOFTHSM_MODULE) && has('softhsm2-util') && has('pkcs11-tool');
}

/** One key (and certificate, when it has one) on the token. */
export interface TokenKey {
  /** CKA_ID in hex. */
  readonly id: string;
  readonly label: string;
  /** The certificate written to the token (PEM file), when there is one. */
  readonly cert?: string;
}

/** A SoftHSM2 token in its own folder. */
export interface SoftToken {
  readonly dir: string;
  readonly conf: string;
  readonly label: string;
  readonly pin: string;
  readonly soPin: string;
  /** The environment pkcs11-tool and softhsm2-util need (SOFTHSM2_CONF). */
  readonly env: NodeJS.ProcessEnv;
  readonly tool: (args: string[]) => string;
}

const OPENSSL_EXT = 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n';

/**
 * Creates a SoftHSM2 configuration and an initialised token. SoftHSM reads SOFTHSM2_CONF when
 * the module is initialised, so the variable is set for this process too: one token folder
 * per test file (main/signing/pkcs11 keeps the module initialised once per process).
 */
export function makeSoftToken(label = 'Carte agent', pin = `${100000 + (process.pid % 800000)}`): SoftToken {
  const dir = scratchDir('paraphe-softhsm-');
  mkdirSync(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  process.env.SOFTHSM2_CONF = conf;
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  const soPin = `so-${process.pid}`;
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', pin], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tool = (args: string[]) => execFileSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  return { dir, conf, label, pin, soPin, env, tool };
}

function issue(token: SoftToken, pki: TestPki, pubPem: string, id: string, cn: string, org: string): string {
  const ext = join(token.dir, `${id}.ext`);
  writeFileSync(ext, OPENSSL_EXT);
  const cert = join(token.dir, `${id}.pem`);
  // `x509 -new -subj` reads the name as ASCII: a request made with `req -utf8` carries « SOULÉ »
  // right, signed by a throw-away key; the certificate then gets the token's public key.
  const csr = join(token.dir, `${id}.csr`);
  execFileSync('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(token.dir, `${id}.throwaway.key`),
    '-subj', `/CN=${cn}/O=${org}`, '-utf8', '-out', csr], { stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-force_pubkey', pubPem, '-CA', pki.caPem, '-CAkey', pki.caKey, '-CAcreateserial',
    '-days', '30', '-sha256', '-extfile', ext, '-out', cert], { stdio: ['ignore', 'pipe', 'pipe'] });
  return cert;
}

function writeCert(token: SoftToken, cert: string, id: string, label: string): void {
  const der = join(token.dir, `${id}.crt.der`);
  execFileSync('openssl', ['x509', '-in', cert, '-outform', 'DER', '-out', der]);
  token.tool(['--login', '--pin', token.pin, '--write-object', der, '--type', 'cert', '--id', id, '--label', label]);
}

/**
 * Generates a key pair on the token (`rsa` 2048 or `ec` P-256); with `cn`, the test CA issues
 * its certificate from the token's public key and the certificate is written to the token.
 */
export function generateOnToken(token: SoftToken, pki: TestPki, opts: { id: string; label: string; kind: 'rsa' | 'ec'; cn?: string; org?: string }): TokenKey {
  token.tool(['--login', '--pin', token.pin, '--keypairgen', '--key-type', opts.kind === 'rsa' ? 'rsa:2048' : 'EC:prime256v1', '--id', opts.id, '--label', opts.label, '--usage-sign']);
  if (!opts.cn) return { id: opts.id, label: opts.label };
  const pubDer = join(token.dir, `${opts.id}.pub.der`);
  token.tool(['--read-object', '--type', 'pubkey', '--id', opts.id, '-o', pubDer]);
  const pubPem = join(token.dir, `${opts.id}.pub.pem`);
  execFileSync('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', pubDer, '-out', pubPem]);
  const cert = issue(token, pki, pubPem, opts.id, opts.cn, opts.org ?? 'MTES');
  writeCert(token, cert, opts.id, opts.label);
  return { id: opts.id, label: opts.label, cert };
}

/** A certificate written to the token whose private key is not on it (made off the token). */
export function certificateWithoutKey(token: SoftToken, pki: TestPki, opts: { id: string; label: string; cn: string }): TokenKey {
  const key = join(token.dir, `${opts.id}.off.key`);
  const pub = join(token.dir, `${opts.id}.off.pub.pem`);
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key]);
  execFileSync('openssl', ['pkey', '-in', key, '-pubout', '-out', pub]);
  const cert = issue(token, pki, pub, opts.id, opts.cn, 'MTES');
  writeCert(token, cert, opts.id, opts.label);
  return { id: opts.id, label: opts.label, cert };
}

/** Puts the private key and certificate of a test .p12 identity on the token (same key both ways, for the benchmark). */
export function importIdentity(token: SoftToken, keyPem: string, certPem: string, opts: { id: string; label: string }): TokenKey {
  const der = join(token.dir, `${opts.id}.key.der`);
  execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', keyPem, '-outform', 'DER', '-out', der]);
  token.tool(['--login', '--pin', token.pin, '--write-object', der, '--type', 'privkey', '--id', opts.id, '--label', opts.label, '--usage-sign']);
  writeCert(token, certPem, opts.id, opts.label);
  return { id: opts.id, label: opts.label, cert: certPem };
}

/** The token's folder under the SoftHSM token directory. */
function tokenFolder(token: SoftToken): string {
  const root = join(token.dir, 'tokens');
  const [only] = readdirSync(root);
  if (!only) throw new Error('jeton SoftHSM absent');
  return join(root, only);
}

/** CKF_USER_PIN_* flags (PKCS#11 v2.40). */
export const PIN_FLAGS = { countLow: 0x10000, finalTry: 0x20000, locked: 0x40000 } as const;

/**
 * Sets user-PIN flags in the token's own store, as a card does after failed PINs or when its
 * administrator blocks it: SoftHSM2 only ever raises « count low » and never locks a PIN
 * (measured: 12 wrong PINs in a row, then the right one logs in). Finalise the module first
 * (closeModule): SoftHSM reads the flags when it initialises.
 */
export function setPinFlags(token: SoftToken, flags: number): void {
  const file = join(tokenFolder(token), 'token.object');
  const bytes = readFileSync(file);
  // SoftHSM's object file: [type u64][kind u64][value…]; token flags are the vendor attribute 0x8000534b, a u64.
  const tag = Buffer.from('000000008000534b0000000000000002', 'hex');
  const at = bytes.indexOf(tag);
  if (at < 0) throw new Error('drapeaux du jeton SoftHSM introuvables');
  const value = bytes.readBigUInt64BE(at + tag.length);
  bytes.writeBigUInt64BE(value | BigInt(flags), at + tag.length);
  writeFileSync(file, bytes);
}

/** Deletes the token (as if the card were pulled out for good). */
export function deleteToken(token: SoftToken): void {
  execFileSync('softhsm2-util', ['--delete-token', '--token', token.label], { env: token.env, stdio: ['ignore', 'pipe', 'pipe'] });
}
