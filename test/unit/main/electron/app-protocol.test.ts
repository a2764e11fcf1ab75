import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appProtocolHandler, serveRendererPath } from '../../../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../../main/electron/security';
import { trustedSender } from '../../../../main/ipc/register';

let root = '';
let outside = '';
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'paraphe-protocol-'));
  root = join(dir, 'renderer');
  outside = join(dir, 'secret.txt');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Paraphe</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'export {};');
  await writeFile(join(root, 'assets', 'pdf-worker-abc.js'), 'self.onmessage = () => {};');
  await writeFile(join(root, 'assets', 'Marianne-Regular.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  await writeFile(join(root, 'assets', 'état de l’art.css'), 'p{}');
  await writeFile(outside, 'pas pour le rendu');
});
afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

describe('paraphe://app — the renderer files', () => {
  const serve = () => appProtocolHandler(root);

  it('serves index.html with its type, the CSP, nosniff and no caching', async () => {
    const r = await serve()({ url: APP_INDEX_URL, method: 'GET' });
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('<!doctype html><title>Paraphe</title>');
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await (await serve()({ url: 'paraphe://app/' })).text()).toContain('<title>Paraphe</title>');
  });

  it('gives module scripts, the pdf.js worker and fonts the types a module loader requires', async () => {
    expect((await serve()({ url: 'paraphe://app/assets/index-abc.js' })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serve()({ url: 'paraphe://app/assets/pdf-worker-abc.js' })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const font = await serve()({ url: 'paraphe://app/assets/Marianne-Regular.woff2' });
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect([...new Uint8Array(await font.arrayBuffer())]).toEqual([0x77, 0x4f, 0x46, 0x32]);
    expect((await serve()({ url: `paraphe://app/assets/${encodeURIComponent('état de l’art.css')}` })).status).toBe(200);
  });

  it('serves nothing outside the renderer folder, nor another host, nor a folder', async () => {
    for (const url of [
      'paraphe://app/../secret.txt',
      'paraphe://app/%2e%2e/secret.txt',
      'paraphe://app/..%2fsecret.txt',
      'paraphe://app/assets/..%2F..%2Fsecret.txt',
      'paraphe://app/%00index.html',
      'paraphe://app/%E0%A4%A',
      'paraphe://other/index.html',
      'paraphe://app/assets',
      'paraphe://app/absent.js',
      'file:///etc/passwd',
      'pas une adresse',
    ]) {
      const r = await serve()({ url });
      expect(r.status, url).toBe(404);
      expect(await r.text(), url).not.toContain('pas pour le rendu');
    }
  });

  it('answers HEAD without a body and refuses writes', async () => {
    const head = await serveRendererPath(root, '/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await serveRendererPath(root, '/index.html', 'POST')).status).toBe(405);
  });

  it('the IPC sender check trusts the app host only', () => {
    const own = trustedSender({ app: 'paraphe://app' });
    expect(own(APP_INDEX_URL)).toBe(true);
    expect(own('paraphe://app/index.html#/conventions')).toBe(true);
    for (const url of ['paraphe://other/index.html', 'paraphe://app:8080/index.html', 'paraphe://user@app/index.html', 'http://app/index.html', 'file:///index.html', 'null', undefined]) {
      expect(own(url), String(url)).toBe(false);
    }
  });
});
