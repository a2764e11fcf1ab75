/**
 * Revocation services on 127.0.0.1 for tests: a Node HTTP server that answers OCSP requests
 * (POST /ocsp) with `openssl ocsp -index … -reqin … -respout …` (a delegated responder
 * certificate with id-kp-OCSPSigning issued by the test CA) and serves the CRL that
 * `openssl ca -gencrl` makes (GET /ca.crl). Leaves are issued by `openssl ca` into the same
 * database, with the AIA and CDP naming this server. Never `openssl ocsp -port`, which binds
 * every interface.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEST_PASSWORD, type TestPki } from './pki';

const run = promisify(execFile);

/** A running OCSP responder and CRL server. */
export interface TestRevocation {
  readonly base: string;
  readonly ocspUrl: string;
  readonly crlUrl: string;
  /** The OCSP requests received (DER), in order. */
  readonly requests: Buffer[];
  /** Served paths, in order (`/ocsp`, `/ca.crl`). */
  readonly hits: string[];
  /** `ocsp-down`: the responder answers HTTP 503 (clients fall back on the CRL); `down`: the CRL too. */
  mode: 'good' | 'ocsp-down' | 'down';
  /** Issues a leaf (PKCS#12 path and PEM path) whose AIA and CDP name this server. */
  issue(cn: string): { p12: string; pem: string };
  /** Issues a TSA certificate (critical timeStamping EKU) whose AIA and CDP name this server. */
  issueTsa(cn: string): { key: string; pem: string };
  /** Revokes a leaf (its PEM) and regenerates the CRL. */
  revoke(pem: string): void;
  close(): Promise<void>;
}

/** Picks a free port on 127.0.0.1 (the leaves need it before the server starts). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return typeof a === 'object' && a ? a.port : 0;
}

/**
 * Starts the services; the CA database lives in `<pki.dir>/rev`. `responder` makes the
 * delegated responder's certificate weak on purpose: a short key, or signed over SHA-1.
 */
export async function startTestRevocation(pki: TestPki, responder: { bits?: number; md?: string } = {}): Promise<TestRevocation> {
  const dir = join(pki.dir, 'rev');
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  const opts = { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
  writeFileSync(join(dir, 'serial'), '2000\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  writeFileSync(join(dir, 'ca.cnf'), `[ ca ]
default_ca = CA_default
[ CA_default ]
database = ${join(dir, 'index.txt')}
new_certs_dir = ${join(dir, 'newcerts')}
certificate = ${pki.caPem}
private_key = ${pki.caKey}
serial = ${join(dir, 'serial')}
crlnumber = ${join(dir, 'crlnumber')}
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
email_in_dn = no
[ policy_any ]
commonName = supplied
organizationName = optional
[ leaf_ext ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
authorityInfoAccess = OCSP;URI:${base}/ocsp
crlDistributionPoints = URI:${base}/ca.crl
[ tsa_ext ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,nonRepudiation
extendedKeyUsage = critical,timeStamping
authorityInfoAccess = OCSP;URI:${base}/ocsp
crlDistributionPoints = URI:${base}/ca.crl
[ ocsp_ext ]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,OCSPSigning
noCheck = ignored
`);
  const ca = (args: string[]) => execFileSync('openssl', ['ca', '-batch', '-config', 'ca.cnf', '-utf8', '-notext', ...args], opts);
  const gencrl = () => ca(['-gencrl', '-out', 'ca.crl.pem']) && execFileSync('openssl', ['crl', '-in', 'ca.crl.pem', '-outform', 'DER', '-out', 'ca.crl'], opts);

  execFileSync('openssl', ['req', '-new', '-newkey', `rsa:${responder.bits ?? 2048}`, '-nodes', '-keyout', 'ocsp.key', '-out', 'ocsp.csr', '-utf8', '-subj', '/CN=Répondeur OCSP de test/O=Paraphe'], opts);
  ca(['-extensions', 'ocsp_ext', '-in', 'ocsp.csr', '-out', 'ocsp.pem', ...(responder.md ? ['-md', responder.md] : [])]);
  gencrl();

  const requests: Buffer[] = [];
  const hits: string[] = [];
  const state = { mode: 'good' as TestRevocation['mode'] };
  const answer = async (req: Buffer): Promise<Buffer> => {
    const tag = randomBytes(6).toString('hex');
    writeFileSync(join(dir, `req-${tag}.der`), req);
    await run('openssl', ['ocsp', '-index', 'index.txt', '-rsigner', 'ocsp.pem', '-rkey', 'ocsp.key', '-CA', pki.caPem, '-reqin', `req-${tag}.der`, '-respout', `resp-${tag}.der`, '-nmin', '60'], { cwd: dir });
    return readFileSync(join(dir, `resp-${tag}.der`));
  };
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      hits.push(req.url ?? '');
      if (req.method === 'GET' && req.url === '/ca.crl' && state.mode !== 'down') {
        res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(readFileSync(join(dir, 'ca.crl')));
        return;
      }
      if (req.method !== 'POST' || req.url !== '/ocsp' || state.mode !== 'good') {
        res.writeHead(503).end('indisponible');
        return;
      }
      const body = Buffer.concat(parts);
      requests.push(body);
      answer(body).then(
        (r) => res.writeHead(200, { 'Content-Type': 'application/ocsp-response' }).end(r),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    base,
    ocspUrl: `${base}/ocsp`,
    crlUrl: `${base}/ca.crl`,
    requests,
    hits,
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    issue(cn: string) {
      const tag = randomBytes(4).toString('hex');
      execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `leaf-${tag}.key`, '-out', `leaf-${tag}.csr`, '-utf8', '-subj', `/CN=${cn}/O=MTES`], opts);
      ca(['-extensions', 'leaf_ext', '-in', `leaf-${tag}.csr`, '-out', `leaf-${tag}.pem`]);
      const p12 = join(dir, `leaf-${tag}.p12`);
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', `leaf-${tag}.key`, '-in', `leaf-${tag}.pem`, '-certfile', pki.caPem, '-out', p12, '-passout', `pass:${TEST_PASSWORD}`], opts);
      return { p12, pem: join(dir, `leaf-${tag}.pem`) };
    },
    issueTsa(cn: string) {
      const tag = randomBytes(4).toString('hex');
      execFileSync('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', `tsa-${tag}.key`, '-out', `tsa-${tag}.csr`, '-utf8', '-subj', `/CN=${cn}/O=Paraphe`], opts);
      ca(['-extensions', 'tsa_ext', '-in', `tsa-${tag}.csr`, '-out', `tsa-${tag}.pem`]);
      return { key: join(dir, `tsa-${tag}.key`), pem: join(dir, `tsa-${tag}.pem`) };
    },
    revoke(pem: string) {
      ca(['-revoke', pem]);
      gencrl();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
