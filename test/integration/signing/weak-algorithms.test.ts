/**
 * Algorithms that no longer resist forgery are never « valide », however intact the bytes: a
 * signature over SHA-1 (MuPDF 1.21's `mutool sign` makes them; pdfsig still calls them valid), a
 * 1 024-bit RSA key, a certificate of the chain signed over SHA-1 or by a 1 024-bit CA, a
 * certificate signed in RSA-PSS over SHA-1, a timestamp token signed over SHA-1, an OCSP answer
 * from a responder whose certificate is signed over SHA-1 or whose key is short. The same PKI
 * with sound algorithms passes each time, so every check can fail; Paraphe itself refuses to
 * import or sign with a short key. Certificates are made here with OpenSSL.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityStore, openPkcs12, signBytes, verifyPdf } from '../../../main/signing';
import { verifyCommand } from '../../../main/cli/commands/verify';
import { makeFieldsPdf } from '../../helpers/signing/make-pdf';
import { makeTestPki, pdfsig, TEST_PASSWORD, type TestPki } from '../../helpers/signing/pki';
import { put, tempDir } from '../../helpers/signing/sign';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';
import { recordingIo } from '../../helpers/signing/cli-io';
import { startTestRevocation } from '../../helpers/signing/ocsp';
import { checkOcspResponse, ocspRequest } from '../../../main/signing/ltv/revocation';

let pki: TestPki;
let dir: string;
let pdf: Buffer;
let anchors: X509Certificate[];
let tsa: TestTsa;

const ossl = (args: string[]) => execFileSync('openssl', args, { cwd: pki.dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** A CA issued by the test root: its key size and the digest the root signs it with. */
function makeIntermediate(id: string, bits: number): { pem: string; key: string } {
  ossl(['req', '-new', '-newkey', `rsa:${bits}`, '-nodes', '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', `/CN=Autorité intermédiaire ${id}/O=Paraphe`, '-utf8']);
  put(pki.dir, `${id}.ext`, Buffer.from('basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'));
  ossl(['x509', '-req', '-in', `${id}.csr`, '-CA', pki.caPem, '-CAkey', pki.caKey, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', `${id}.ext`, '-out', `${id}.pem`]);
  return { pem: join(pki.dir, `${id}.pem`), key: join(pki.dir, `${id}.key`) };
}

/** A signing leaf: key size, the digest its issuer signs it with (optionally in RSA-PSS), its issuer. */
function makeLeaf(id: string, opts: { bits?: number; digest?: string; pss?: boolean; issuer?: { pem: string; key: string } } = {}): string {
  const issuer = opts.issuer ?? { pem: pki.caPem, key: pki.caKey };
  ossl(['req', '-new', '-newkey', `rsa:${opts.bits ?? 2048}`, '-nodes', '-keyout', `${id}.key`, '-out', `${id}.csr`, '-subj', `/CN=Agent ${id}/O=Paraphe`, '-utf8']);
  put(pki.dir, `${id}.ext`, Buffer.from('basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n'));
  ossl(['x509', '-req', '-in', `${id}.csr`, '-CA', issuer.pem, '-CAkey', issuer.key, '-CAcreateserial', '-days', '30', `-${opts.digest ?? 'sha256'}`,
    ...(opts.pss ? ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:-1'] : []), '-extfile', `${id}.ext`, '-out', `${id}.pem`]);
  const chain = issuer.pem === pki.caPem ? pki.caPem : join(pki.dir, `${id}-chain.pem`);
  if (chain !== pki.caPem) put(pki.dir, `${id}-chain.pem`, Buffer.concat([readFileSync(issuer.pem), readFileSync(pki.caPem)]));
  ossl(['pkcs12', '-export', '-inkey', `${id}.key`, '-in', `${id}.pem`, '-certfile', chain, '-out', `${id}.p12`, '-passout', `pass:${TEST_PASSWORD}`]);
  return join(pki.dir, `${id}.p12`);
}

/** Signs the first empty field with MuPDF (SHA-1 message digest, rsaEncryption). */
function mutoolSign(p12: string, name: string): Buffer {
  const input = put(dir, `${name}-in.pdf`, pdf);
  const fields = execFileSync('mutool', ['sign', input]).toString();
  const first = /^\s*(\d+): Signature is not signed/m.exec(fields)![1]!;
  const out = join(dir, `${name}.pdf`);
  execFileSync('mutool', ['sign', '-s', p12, '-P', TEST_PASSWORD, '-o', out, input, first], { stdio: 'pipe' });
  return readFileSync(out);
}

async function paraphe(p12: string, more: Partial<Parameters<typeof signBytes>[1]> = {}): Promise<Buffer> {
  const r = await signBytes(pdf, { identity: openPkcs12(readFileSync(p12), TEST_PASSWORD), trustAnchors: anchors, ...more });
  return Buffer.concat(r.chunks as Buffer[]);
}

const only = (bytes: Buffer) => {
  const report = verifyPdf(bytes, { trustAnchors: anchors });
  expect(report.signatures).toHaveLength(1);
  return { report, sig: report.signatures[0]! };
};

beforeAll(async () => {
  pki = makeTestPki();
  dir = tempDir('paraphe-weak-');
  anchors = [new X509Certificate(readFileSync(pki.caPem))];
  pdf = await makeFieldsPdf();
  tsa = await startTestTsa(pki);
}, 60_000);

afterAll(async () => {
  await tsa?.close();
});

describe('signatures over weak algorithms', () => {
  it('a signature over SHA-1 (MuPDF’s) is intact, trusted, and not valid; pdfsig accepts it; the same identity through Paraphe is valid', async () => {
    const mu = mutoolSign(pki.rsa.p12, 'mupdf-sha1');
    // Another verifier accepts it: the difference is ours, on purpose.
    expect(pdfsig(pki, put(dir, 'mupdf-sha1.pdf', mu)).valid).toBe(1);

    const { report, sig } = only(mu);
    expect(sig.digestAlgorithm).toBe('sha1');
    expect(sig.integrity).toBe(true);
    expect(sig.trust).toBe('trusted');
    expect(sig.status).toBe('invalid');
    expect(sig.problems).toContain('La signature repose sur le condensé SHA-1, qui n’est plus sûr : Paraphe n’accepte que SHA-256, SHA-384 et SHA-512 (référentiel général de sécurité).');
    expect(report.verdict).toBe('invalid');

    // The command line says it in French and exits 1.
    const io = recordingIo(dir);
    const code = await verifyCommand.run([join(dir, 'mupdf-sha1.pdf'), '--trust', pki.caPem], io.io);
    expect(code).toBe(1);
    expect(io.out()).toMatch(/condensé SHA-1, qui n’est plus sûr/);
    expect(io.out()).not.toMatch(/Statut : valide/);

    const ours = only(await paraphe(pki.rsa.p12)).sig;
    expect(ours.digestAlgorithm).toBe('sha256');
    expect(ours.problems).toEqual([]);
    expect(ours.status).toBe('valid');
  });

  it('a 1 024-bit RSA key: refused on import and at signing (nothing kept, nothing signed); a signature made with it elsewhere is not valid', async () => {
    const weak = makeLeaf('cle-courte', { bits: 1024 });
    const data = tempDir('paraphe-weak-store-');
    const store = new IdentityStore(data);
    await expect(store.import(readFileSync(weak), TEST_PASSWORD)).rejects.toMatchObject({
      code: 'CERT_WEAK_KEY',
      message: expect.stringMatching(/^Ce certificat ne peut pas signer : la clé RSA du certificat de « Agent cle-courte » ne fait que 1\u202f024 bits, trop courte pour une signature sûre \(au moins 2 048 bits/),
    });
    expect(await store.list()).toEqual([]);
    expect(existsSync(join(data, 'identities')) ? readdirSync(join(data, 'identities')).filter((f) => f.endsWith('.p12')) : []).toEqual([]);

    await expect(paraphe(weak)).rejects.toMatchObject({ code: 'CERT_WEAK_KEY', message: expect.stringMatching(/^Signature impossible : .*1\u202f024 bits.*demandez un certificat conforme/) });

    const { sig } = only(mutoolSign(weak, 'mupdf-1024'));
    expect(sig.integrity).toBe(true);
    expect(sig.status).toBe('invalid');
    expect(sig.problems).toContain('La clé RSA du certificat de « Agent cle-courte » ne fait que 1\u202f024 bits, trop courte pour une signature sûre (au moins 2 048 bits selon le référentiel général de sécurité).');

    // 2 048 bits is enough: the same steps with a key of that size are accepted.
    const sound = makeLeaf('cle-suffisante', { bits: 2048 });
    await expect(store.import(readFileSync(sound), TEST_PASSWORD)).resolves.toMatchObject({ certificate: { commonName: 'Agent cle-suffisante' } });
    expect(only(await paraphe(sound)).sig.status).toBe('valid');
  });

  it('a leaf its CA signed over SHA-1: the signature is intact, the chain is refused by name', async () => {
    const p12 = makeLeaf('chaine-sha1', { digest: 'sha1' });
    const { sig } = only(await paraphe(p12));
    expect(sig.integrity).toBe(true);
    expect(sig.trust).toBe('invalid-chain');
    expect(sig.status).toBe('invalid');
    expect(sig.problems).toContain('Chaîne de certificats trop faible : le certificat de « Agent chaine-sha1 » est signé avec le condensé SHA-1, qui n’est plus sûr.');
  });

  it('RSA-PSS: over SHA-256 the chain is trusted; over SHA-1 (the PSS default) it is refused', async () => {
    const good = only(await paraphe(makeLeaf('pss-sha256', { digest: 'sha256', pss: true }))).sig;
    expect(good.trust).toBe('trusted');
    expect(good.status).toBe('valid');
    const weak = only(await paraphe(makeLeaf('pss-sha1', { digest: 'sha1', pss: true }))).sig;
    expect(weak.status).toBe('invalid');
    expect(weak.problems).toContain('Chaîne de certificats trop faible : le certificat de « Agent pss-sha1 » est signé en RSA-PSS sur un condensé qui n’est pas SHA-256, SHA-384 ou SHA-512.');
  });

  it('an intermediate CA with a 1 024-bit key: its leaf’s chain is refused; with 2 048 bits it is trusted', async () => {
    const short = makeIntermediate('inter-1024', 1024);
    const weak = only(await paraphe(makeLeaf('sous-ca-courte', { issuer: short }))).sig;
    expect(weak.status).toBe('invalid');
    expect(weak.problems).toContain('Chaîne de certificats trop faible : la clé RSA du certificat de « Autorité intermédiaire inter-1024 » ne fait que 1\u202f024 bits, trop courte pour une signature sûre (au moins 2 048 bits selon le référentiel général de sécurité).');
    expect(weak.chain.map((c) => c.commonName)).toEqual(['Agent sous-ca-courte', 'Autorité intermédiaire inter-1024', 'Autorité de test Paraphe']);

    const long = makeIntermediate('inter-2048', 2048);
    const sound = only(await paraphe(makeLeaf('sous-ca-longue', { issuer: long }))).sig;
    expect(sound.trust).toBe('trusted');
    expect(sound.status).toBe('valid');
  });

  it('a timestamp token the TSA signs over SHA-1 is refused at signing, and nothing is signed; over SHA-256 it gives B-T', async () => {
    tsa.mode = 'sha1-digest';
    try {
      await expect(paraphe(pki.rsa.p12, { timestamp: { url: tsa.url, timeoutMs: 20_000 } })).rejects.toThrow(/condensé SHA-1, qui n’est plus sûr/);
    } finally {
      tsa.mode = 'good';
    }
    const r = await signBytes(pdf, { identity: openPkcs12(readFileSync(pki.rsa.p12), TEST_PASSWORD), trustAnchors: anchors, timestamp: { url: tsa.url, timeoutMs: 20_000 } });
    expect(r.result.level).toBe('B-T');
    expect(only(Buffer.concat(r.chunks as Buffer[])).sig.status).toBe('valid');
  });

  it('a TSA whose key is 1 024 bits is refused at signing, and nothing is signed', async () => {
    ossl(['req', '-new', '-newkey', 'rsa:1024', '-nodes', '-keyout', 'tsa-1024.key', '-out', 'tsa-1024.csr', '-subj', '/CN=Horodatage court/O=Paraphe']);
    put(pki.dir, 'tsa-1024.ext', Buffer.from('basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=critical,timeStamping\n'));
    ossl(['x509', '-req', '-in', 'tsa-1024.csr', '-CA', pki.caPem, '-CAkey', pki.caKey, '-CAcreateserial', '-days', '30', '-sha256', '-extfile', 'tsa-1024.ext', '-out', 'tsa-1024.pem']);
    const short = await startTestTsa(pki, { key: join(pki.dir, 'tsa-1024.key'), pem: join(pki.dir, 'tsa-1024.pem') });
    try {
      await expect(paraphe(pki.rsa.p12, { timestamp: { url: short.url, timeoutMs: 20_000 } })).rejects.toThrow(/« Horodatage court » ne fait que 1\u202f024 bits/);
    } finally {
      await short.close();
    }
  });

  it('an OCSP answer from a responder signed over SHA-1, or with a 1 024-bit key, is refused by name; a sound responder’s is taken', async () => {
    const cases: Array<[{ bits?: number; md?: string }, RegExp | undefined]> = [
      [{}, undefined],
      [{ md: 'sha1' }, /^le répondeur OCSP ne peut être retenu : le certificat de « Répondeur OCSP de test » est signé avec le condensé SHA-1, qui n’est plus sûr$/],
      [{ bits: 1024 }, /^le répondeur OCSP ne peut être retenu : la clé RSA du certificat de « Répondeur OCSP de test » ne fait que 1\u202f024 bits/],
    ];
    for (const [responder, refused] of cases) {
      const own = makeTestPki();
      const rev = await startTestRevocation(own, responder);
      try {
        const leaf = new X509Certificate(readFileSync(rev.issue('Agent OCSP').pem));
        const ca = new X509Certificate(readFileSync(own.caPem));
        const res = await fetch(rev.ocspUrl, { method: 'POST', headers: { 'Content-Type': 'application/ocsp-request' }, body: ocspRequest(leaf, ca) });
        const der = Buffer.from(await res.arrayBuffer());
        if (refused) expect(() => checkOcspResponse(der, leaf, ca)).toThrow(refused);
        else expect(checkOcspResponse(der, leaf, ca).status).toBe('good');
      } finally {
        await rev.close();
      }
    }
  }, 60_000);
});
