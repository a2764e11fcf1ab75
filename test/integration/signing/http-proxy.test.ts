/**
 * The validation-data HTTP client through a proxy, against real servers on 127.0.0.1: an http
 * target asked in absolute-URI form (here the OpenSSL TSA), an https target through a CONNECT
 * tunnel (TLS end to end: the target's self-signed certificate is refused by the client, not
 * the proxy), the proxy's credentials sent in Proxy-Authorization and never shown, and each
 * way it fails said in French.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postBinary, redactUrl } from '../../../main/signing/ltv/http';
import { requestTimestamp } from '../../../main/signing/ltv/tsa-client';
import { makeTestPki, type TestPki } from '../../helpers/signing/pki';
import { startTestProxy, type TestProxy } from '../../helpers/signing/proxy';
import { startTestTsa, type TestTsa } from '../../helpers/signing/tsa';

let pki: TestPki;
let tsa: TestTsa;
let proxy: TestProxy;
const servers: Server[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  return typeof a === 'object' && a ? a.port : 0;
}

const kind = { contentType: 'application/octet-stream', accept: '*/*', what: 'Le service de test' };

beforeAll(async () => {
  pki = makeTestPki();
  tsa = await startTestTsa(pki);
  proxy = await startTestProxy();
});
afterAll(async () => {
  await tsa.close();
  await proxy.close();
  for (const s of servers) s.closeAllConnections?.();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
});

describe('HTTP through a proxy', () => {
  it('asks an http target in absolute-URI form; the proxy’s credentials go in Proxy-Authorization', async () => {
    const seen: string[] = [];
    const port = await listen(createHttpServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers['proxy-authorization'] ?? '-'}`);
        res.end(Buffer.concat([Buffer.from('écho:'), ...parts]));
      });
    }));
    const before = proxy.forwarded.length;
    const body = await postBinary(`http://127.0.0.1:${port}/service?x=1`, Buffer.from('bonjour'), kind, { proxy: `http://agent%40dinum:mot%20de%20passe@127.0.0.1:${new URL(proxy.url).port}` });
    expect(body.toString()).toBe('écho:bonjour');
    expect(proxy.forwarded.slice(before)).toEqual([`http://127.0.0.1:${port}/service?x=1`]);
    expect(proxy.authorizations.at(-1)).toBe(`Basic ${Buffer.from('agent@dinum:mot de passe').toString('base64')}`);
    // The target got the request from the proxy, without the proxy's credentials.
    expect(seen).toEqual(['POST /service?x=1 -']);
  });

  it('gets a checked RFC 3161 timestamp from the loopback TSA through the proxy', async () => {
    const before = proxy.forwarded.length;
    const granted = await requestTimestamp(Buffer.from('données à horodater'), { url: tsa.url, proxy: proxy.url }, [new X509Certificate(readFileSync(pki.caPem))]);
    expect(granted.check.authority).toBe('Horodatage de test tsa');
    expect(proxy.forwarded.length - before).toBe(1);
  });

  it('opens a CONNECT tunnel for an https target; TLS is the client’s own (an untrusted target certificate is refused)', async () => {
    const dir = pki.dir;
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tls.key', '-out', 'tls.pem', '-days', '2', '-subj', '/CN=127.0.0.1'], { cwd: dir, stdio: 'pipe' });
    let handshakes = 0;
    const https = createHttpsServer({ key: readFileSync(join(dir, 'tls.key')), cert: readFileSync(join(dir, 'tls.pem')) }, (_req, res) => res.end('secret'));
    https.on('tlsClientError', () => (handshakes += 1));
    const port = await listen(https as unknown as Server);
    const before = proxy.tunnels.length;
    const err = await postBinary(`https://127.0.0.1:${port}/tsa`, Buffer.from('x'), kind, { proxy: proxy.url, timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'NET_UNREACHABLE', message: expect.stringMatching(/^Le service de test \(https:\/\/127\.0\.0\.1:\d+\/tsa\) est injoignable \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE)\) \(par le proxy http:\/\/127\.0\.0\.1:\d+\)/) });
    expect(proxy.tunnels.slice(before)).toEqual([`127.0.0.1:${port}`]);
    // The handshake reached the target through the tunnel, and the client ended it.
    await new Promise((r) => setTimeout(r, 100));
    expect(handshakes).toBe(1);
  });

  it('a proxy asking for credentials: French message, no secret repeated', async () => {
    proxy.requireAuth = `Basic ${Buffer.from('agent:bon').toString('base64')}`;
    try {
      const wrong = `http://agent:mauvais-secret@127.0.0.1:${new URL(proxy.url).port}`;
      const tunnel = await postBinary('https://127.0.0.1:9/tsa', Buffer.from('x'), kind, { proxy: wrong }).catch((e: Error) => e);
      expect(tunnel).toMatchObject({ code: 'NET_PROXY_REFUSED', message: expect.stringContaining('a refusé d’ouvrir la connexion vers https://127.0.0.1:9/tsa (HTTP 407). Il demande une authentification') });
      const plain = await postBinary(`${tsa.url}`, Buffer.from('x'), kind, { proxy: wrong }).catch((e: Error) => e);
      expect(plain).toMatchObject({ code: 'NET_HTTP_STATUS', message: expect.stringContaining('erreur HTTP 407 (par le proxy http://127.0.0.1:') });
      for (const e of [tunnel, plain]) expect((e as Error).message).not.toContain('mauvais-secret');
    } finally {
      proxy.requireAuth = undefined;
    }
  });

  it('a proxy that is not there, a target that never answers, a bad proxy address', async () => {
    const closed = await listen(createHttpServer());
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    const down = await postBinary(tsa.url, Buffer.from('x'), kind, { proxy: `http://u:p@127.0.0.1:${closed}` }).catch((e: Error) => e);
    expect(down).toMatchObject({ code: 'NET_UNREACHABLE', message: expect.stringMatching(/^Le proxy \(http:\/\/127\.0\.0\.1:\d+\) est injoignable \(ECONNREFUSED\) : le service de test .* Vérifiez l’adresse du proxy dans les réglages/) });
    const hanging = await listen(createHttpServer(() => undefined));
    const started = Date.now();
    const slow = await postBinary(`http://127.0.0.1:${hanging}/`, Buffer.from('x'), kind, { proxy: proxy.url, timeoutMs: 400 }).catch((e: Error) => e);
    expect(slow).toMatchObject({ code: 'NET_TIMEOUT', message: expect.stringContaining('n’a pas répondu en 1 s (par le proxy') });
    expect(Date.now() - started).toBeLessThan(3_000);
    await expect(postBinary(tsa.url, Buffer.from('x'), kind, { proxy: 'socks5://moi:secret@proxy:1080' })).rejects.toMatchObject({ code: 'NET_BAD_PROXY', message: expect.not.stringContaining('secret') });
    expect(redactUrl('http://moi:secret@proxy:3128/')).toBe('http://***@proxy:3128/');
  });
});
