/**
 * A time-stamping authority on 127.0.0.1 for tests: a Node HTTP server that answers each
 * RFC 3161 request with `openssl ts -reply` (a TSA certificate with
 * `extendedKeyUsage=critical,timeStamping` issued by the test CA). Modes make it answer
 * badly: another imprint, another nonce, a certificate from an unknown CA, an HTTP error, a
 * rejection, a token the TSA signs over SHA-1.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AsnConvert, AsnParser } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { PKIStatus, PKIStatusInfo, TimeStampReq, TimeStampResp } from '@peculiar/asn1-tsp';
import { parseDer } from '../../../main/signing/crypto/der';
import { TEST_PASSWORD, type TestPki } from './pki';

const run = promisify(execFile);

/** How the TSA answers. */
export type TsaMode = 'good' | 'wrong-imprint' | 'wrong-nonce' | 'untrusted' | 'http-error' | 'rejection' | 'sha1-digest';

/** A running test TSA. */
export interface TestTsa {
  readonly url: string;
  /** The TSA certificate (PEM path) and the CA that issued it. */
  readonly certPem: string;
  mode: TsaMode;
  /** Requests answered so far. */
  readonly requests: number;
  close(): Promise<void>;
}

function tsaCnf(dir: string, id: string, signerDigest = 'sha256'): string {
  return `[ tsa ]
default_tsa = tsa_config1
[ tsa_config1 ]
serial = ${join(dir, `${id}.serial`)}
crypto_device = builtin
signer_digest = ${signerDigest}
default_policy = 1.2.250.1.999.1
other_policies = 1.2.250.1.999.2
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;
}

/** Makes a TSA certificate (key, PEM) issued by `caPem`/`caKey`. */
function makeTsaCert(dir: string, id: string, caPem: string, caKey: string): { key: string; pem: string } {
  const key = join(dir, `${id}.key`);
  const csr = join(dir, `${id}.csr`);
  const pem = join(dir, `${id}.pem`);
  const opts = { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-utf8', '-subj', `/CN=Horodatage de test ${id}/O=Paraphe`], opts);
  writeFileSync(join(dir, `${id}.ext`), `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n`);
  execFileSync('openssl', ['x509', '-req', '-in', csr, '-CA', caPem, '-CAkey', caKey, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', join(dir, `${id}.ext`), '-out', pem], opts);
  return { key, pem };
}

/**
 * Starts a TSA on 127.0.0.1 (a free port) whose certificate the test CA issued (or `own`, a
 * TSA certificate made elsewhere, e.g. with an AIA for B-LT tests).
 */
export async function startTestTsa(pki: TestPki, own?: { key: string; pem: string }): Promise<TestTsa> {
  const dir = pki.dir;
  const good = own ?? makeTsaCert(dir, 'tsa', pki.caPem, pki.caKey);
  // A CA nobody trusts, and its own TSA.
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'rogue-ca.key', '-out', 'rogue-ca.pem', '-days', '30', '-subj', '/CN=Autorite inconnue/O=Ailleurs',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], { cwd: dir, stdio: 'pipe' });
  const rogue = makeTsaCert(dir, 'tsa-rogue', join(dir, 'rogue-ca.pem'), join(dir, 'rogue-ca.key'));
  for (const id of ['tsa', 'tsa-rogue']) {
    writeFileSync(join(dir, `${id}.serial`), '01\n');
    writeFileSync(join(dir, `${id}.cnf`), tsaCnf(dir, id));
  }
  writeFileSync(join(dir, 'tsa-sha1.serial'), '01\n');
  writeFileSync(join(dir, 'tsa-sha1.cnf'), tsaCnf(dir, 'tsa-sha1', 'sha1'));
  let count = 0;
  const state = { mode: 'good' as TsaMode };

  const reply = async (query: Buffer): Promise<Buffer> => {
    const tag = randomBytes(6).toString('hex');
    const q = join(dir, `q-${tag}.tsq`);
    const out = join(dir, `r-${tag}.tsr`);
    let who = good;
    let id = 'tsa';
    let queryFile = q;
    writeFileSync(q, query);
    const req = AsnParser.parse(query, TimeStampReq);
    if (state.mode === 'wrong-imprint') {
      queryFile = join(dir, `q2-${tag}.tsq`);
      writeFileSync(join(dir, `d-${tag}`), 'autre chose');
      await run('openssl', ['ts', '-query', '-data', join(dir, `d-${tag}`), '-sha256', '-cert', '-out', queryFile]);
    } else if (state.mode === 'wrong-nonce') {
      queryFile = join(dir, `q2-${tag}.tsq`);
      const digest = Buffer.from(req.messageImprint.hashedMessage.buffer).toString('hex');
      await run('openssl', ['ts', '-query', '-digest', digest, '-sha256', '-cert', '-out', queryFile]);
    } else if (state.mode === 'untrusted') {
      who = rogue;
      id = 'tsa-rogue';
    } else if (state.mode === 'sha1-digest') {
      id = 'tsa-sha1';
    }
    await run('openssl', ['ts', '-reply', '-queryfile', queryFile, '-config', join(dir, `${id}.cnf`), '-inkey', who.key, '-signer', who.pem, '-out', out]);
    return readFileSync(out);
  };

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      count++;
      if (state.mode === 'http-error') {
        res.writeHead(503).end('indisponible');
        return;
      }
      if (state.mode === 'rejection') {
        const resp = new TimeStampResp({ status: new PKIStatusInfo({ status: PKIStatus.rejection }) });
        res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(Buffer.from(AsnConvert.serialize(resp)));
        return;
      }
      reply(Buffer.concat(parts)).then(
        (body) => res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' }).end(body),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/tsa`,
    certPem: good.pem,
    get mode() {
      return state.mode;
    },
    set mode(m: TsaMode) {
      state.mode = m;
    },
    get requests() {
      return count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The CMS of the `n`-th signature of `pdf` (1-based, in file order), zero padding removed. */
export function cmsOf(pdf: Buffer, n = 1): Buffer {
  const all = [...pdf.toString('latin1').matchAll(/\/ByteRange \[0 (\d+) (\d+) (\d+) *\]/g)];
  const m = all[n - 1];
  if (!m) throw new Error(`pas de signature n°${n}`);
  const all0 = Buffer.from(pdf.toString('latin1', Number(m[1]) + 1, Number(m[2]) - 1), 'hex');
  return all0.subarray(0, parseDer(all0).end);
}

/** The signature timestamp token (DER) of the `n`-th signature, for `openssl ts -verify`. */
export function extractTimestampToken(pdf: Buffer, n = 1): Buffer | undefined {
  const ci = AsnParser.parse(cmsOf(pdf, n), ContentInfo);
  const sd = AsnParser.parse(ci.content, SignedData);
  const attr = sd.signerInfos[0]?.unsignedAttrs?.find((a) => a.attrType === '1.2.840.113549.1.9.16.2.14');
  return attr ? Buffer.from(attr.attrValues[0]!) : undefined;
}

/** The signature value of the `n`-th signature (what its timestamp covers). */
export function signatureValue(pdf: Buffer, n = 1): Buffer {
  const ci = AsnParser.parse(cmsOf(pdf, n), ContentInfo);
  return Buffer.from(AsnParser.parse(ci.content, SignedData).signerInfos[0]!.signature.buffer);
}

/** `openssl ca`'s validity format (UTCTime). */
const caDate = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';

/**
 * A leaf (PKCS#12 path) issued by the test CA with `openssl ca -startdate/-enddate`, so that
 * its validity can end a few seconds from now (`openssl x509 -req` only counts days).
 */
export function makeLeafUntil(pki: TestPki, notAfter: Date, cn = 'Agent Bientôt Périmé'): string {
  const dir = pki.dir;
  const tag = randomBytes(4).toString('hex');
  const opts = { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  if (!existsSync(join(dir, 'ca.cnf'))) {
    mkdirSync(join(dir, 'newcerts'), { recursive: true });
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'ca.serial'), '1000\n');
    writeFileSync(join(dir, 'ca.cnf'), `[ ca ]
default_ca = CA_default
[ CA_default ]
database = ${join(dir, 'index.txt')}
new_certs_dir = ${join(dir, 'newcerts')}
certificate = ${pki.caPem}
private_key = ${pki.caKey}
serial = ${join(dir, 'ca.serial')}
default_md = sha256
policy = policy_any
unique_subject = no
email_in_dn = no
[ policy_any ]
commonName = supplied
organizationName = optional
[ leaf_ext ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
`);
  }
  execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `leaf-${tag}.key`, '-out', `leaf-${tag}.csr`, '-utf8', '-subj', `/CN=${cn}/O=MTES`], opts);
  execFileSync('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-extensions', 'leaf_ext', '-utf8', '-notext', '-in', `leaf-${tag}.csr`, '-out', `leaf-${tag}.pem`,
    '-startdate', caDate(new Date(Date.now() - 86_400_000)), '-enddate', caDate(notAfter)], opts);
  const p12 = join(dir, `leaf-${tag}.p12`);
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', `leaf-${tag}.key`, '-in', `leaf-${tag}.pem`, '-certfile', pki.caPem, '-out', p12, '-passout', `pass:${TEST_PASSWORD}`], opts);
  return p12;
}
