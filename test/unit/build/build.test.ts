import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, pushChannelNames } from '../../../shared/ipc/channel-names';
import { contract, pushContract } from '../../../shared/ipc/contract';
import { CALL_ID_PATTERN } from '../../../shared/ipc/call-progress';
import { methodName, pushMethodName } from '../../../shared/ipc/define';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../../main/electron/security';
import { openStore } from '../../../main/storage/index';
import { fakeElectron, quitBundledMain, startBundledMain } from './fake-electron';

const run = promisify(execFile);

beforeAll(async () => {
  await run(process.execPath, ['scripts/build.mjs'], { timeout: 120_000 });
}, 180_000);

/** Module names a CommonJS bundle still requires at run time (esbuild writes `require("x")`). */
function requiredModules(code: string): string[] {
  // Double quotes only: bundled libraries mention « require('x') » inside their error messages.
  return [...new Set([...code.matchAll(/(?<![\w.$'"])require\("([^"]+)"\)/g)].map((m) => m[1]!))];
}

describe('scripts/build.mjs', () => {
  it('bundles main as CommonJS needing only electron and Node built-ins', async () => {
    const code = await readFile('out/main/index.cjs', 'utf8');
    const foreign = requiredModules(code).filter((m) => m !== 'electron' && !m.startsWith('node:') && !builtinModules.includes(m));
    expect(foreign).toEqual([]);
  });

  it('bundles the worker thread beside main, needing only Node built-ins (not even electron)', async () => {
    const code = await readFile('out/main/worker.cjs', 'utf8');
    expect(requiredModules(code).filter((m) => !m.startsWith('node:') && !builtinModules.includes(m))).toEqual([]);
  });

  it('makes a small sandbox-safe preload that exposes exactly the contract', async () => {
    const code = await readFile('out/main/preload.cjs', 'utf8');
    // A sandboxed preload may only require a few modules; ours needs electron alone, and no zod.
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/zod/i);
    expect((await stat('out/main/preload.cjs')).size).toBeLessThan(8_000);

    // Run it as Electron would, with a recording contextBridge and ipcRenderer.
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => { exposed[key] = value; } },
      ipcRenderer: {
        invoke: async (...args: unknown[]): Promise<unknown> => { invoked.push(args); return { ok: true, value: args[0] }; },
        on: (channel: string, fn: (event: unknown, payload: unknown) => void) => { listeners.set(channel, (listeners.get(channel) ?? new Set()).add(fn)); },
        removeListener: (channel: string, fn: (event: unknown, payload: unknown) => void) => { listeners.get(channel)?.delete(fn); },
      },
    };
    const module = { exports: {} };
    runInNewContext(code, {
      module,
      exports: module.exports,
      require: (name: string) => {
        if (name === 'electron') return electron;
        throw new Error(`module interdit dans un preload sandboxé : ${name}`);
      },
    });
    const api = exposed.paraphe as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(exposed)).toEqual(['paraphe']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(contract).map(methodName), ...Object.keys(pushContract).map(pushMethodName)].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await expect(api.conventionRename!({ id: 'a', title: 'b' })).resolves.toEqual({ ok: true, value: 'convention:rename' });
    expect(invoked).toEqual([['convention:rename', { id: 'a', title: 'b' }]]);
    // Push: the listener gets the payload only (never the IPC event), until it unsubscribes.
    const received: unknown[] = [];
    const unsubscribe = (api.onProgress as unknown as (fn: (p: unknown) => void) => () => void)((p) => received.push(p));
    const emit = (payload: unknown) => { for (const fn of listeners.get('paraphe:progress') ?? []) fn({ sender: 'secret' }, payload); };
    emit({ task: 'render', phase: 'draw', done: 1, total: 2 });
    unsubscribe();
    emit({ task: 'render', phase: 'draw', done: 2, total: 2 });
    expect(received).toEqual([{ task: 'render', phase: 'draw', done: 1, total: 2 }]);

    // A call that follows its progress sends a call id with its input, and hears that call only, until it answers.
    const preview = api.pdfPreview as unknown as (input: unknown, options: { onProgress: (p: unknown) => void }) => Promise<unknown>;
    const mine: unknown[] = [];
    let answer!: (value: unknown) => void;
    electron.ipcRenderer.invoke = async (...args: unknown[]) => {
      invoked.push(args);
      return new Promise((resolve) => { answer = resolve; });
    };
    const call = preview({ conventionId: 'c' }, { onProgress: (p) => mine.push(p) });
    const [channel, input, callId] = invoked.at(-1)!;
    expect([channel, input]).toEqual(['pdf:preview', { conventionId: 'c' }]);
    expect(callId).toMatch(CALL_ID_PATTERN);
    emit({ task: 'render', phase: 'draw', done: 1, total: 9, callId: 'another-call' });
    emit({ task: 'render', phase: 'draw', done: 1, total: 3, callId });
    answer({ ok: true, value: 'done' });
    await expect(call).resolves.toEqual({ ok: true, value: 'done' });
    emit({ task: 'render', phase: 'draw', done: 3, total: 3, callId });
    expect(mine).toEqual([{ task: 'render', phase: 'draw', done: 1, total: 3, callId }]);
    expect(listeners.get('paraphe:progress')?.size).toBe(0);
    // Each call its own id.
    void preview({ conventionId: 'c' }, { onProgress: () => undefined });
    expect(invoked.at(-1)![2]).toMatch(CALL_ID_PATTERN);
    expect(invoked.at(-1)![2]).not.toBe(callId);
  });

  it('keeps the generated channel list equal to the contract', () => {
    expect([...channelNames]).toEqual(Object.keys(contract));
    expect([...pushChannelNames]).toEqual(Object.keys(pushContract));
  });

  it('builds the renderer with relative paths (served on paraphe://app) and the CSP meta', async () => {
    const html = await readFile('out/renderer/index.html', 'utf8');
    expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((s) => !s.startsWith('data:'));
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) expect(src).toMatch(/^\.\/assets\//);
    // No remote URL may be loaded at run time (offline app, strict CSP).
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('the built main process starts: hardened window, every channel registered, calls checked', async () => {
    const userData = await mkdtemp(join(tmpdir(), 'paraphe-main-'));
    const fake = fakeElectron(userData);
    await startBundledMain(resolve('out/main/index.cjs'), fake);
    let quitted = false;
    try {
      const [win] = fake.windows;
      expect(win).toBeDefined();
      expect(win!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
      expect(existsSync(win!.options.webPreferences.preload as string)).toBe(true);
      // The renderer comes from the app's own scheme, registered as a standard secure one before ready.
      const appUrl = 'paraphe://app/index.html';
      expect(win!.url).toBe(appUrl);
      expect(fake.schemes).toEqual([{ scheme: 'paraphe', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
      const serve = fake.protocols.get('paraphe')!;
      const index = await serve({ url: appUrl, method: 'GET' });
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await index.text()).toBe(await readFile(resolve('out/renderer/index.html'), 'utf8'));
      const script = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(await readFile(resolve('out/renderer/index.html'), 'utf8'))![1]!;
      expect((await serve({ url: `paraphe://app/${script}` })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      for (const outside of ['paraphe://app/../main/index.cjs', 'paraphe://app/%2e%2e/main/index.cjs', 'paraphe://app/..%2Fmain%2Findex.cjs', 'paraphe://other/index.html', 'paraphe://app/assets']) {
        expect((await serve({ url: outside })).status, outside).toBe(404);
      }

      expect([...fake.handlers.keys()]).toEqual(Object.keys(contract));
      const create = fake.handlers.get('convention:create')!;
      await expect(create({ senderFrame: { url: appUrl } }, { templateId: 'delegation-de-gestion', title: 'Depuis le vrai main' })).resolves.toMatchObject({ ok: true, value: { title: 'Depuis le vrai main' } });
      await expect(create({ senderFrame: { url: 'https://evil.example/' } }, { templateId: 'delegation-de-gestion' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      expect(existsSync(join(userData, 'data'))).toBe(true);
      // The bundled PDF engine still finds its fonts (read from node_modules at run time).
      const created = (await create({ senderFrame: { url: appUrl } }, { templateId: 'exemple-camino-2020' })) as { value: { id: string } };
      // …in the worker thread (out/main/worker.cjs), its progress sent back to this sender only.
      const pushed: Array<[string, { phase: string; done: number; total: number }]> = [];
      const sender = { send: (channel: string, payload: { phase: string; done: number; total: number }) => { pushed.push([channel, payload]); } };
      // The handler is called as ipcRenderer.invoke(channel, input, callId) calls it: progress tagged with the id.
      const handlePreview = fake.handlers.get('pdf:preview')!;
      const preview = await handlePreview({ senderFrame: { url: appUrl }, sender }, { conventionId: created.value.id }, 'k3y7a9-1');
      expect(preview).toMatchObject({ ok: true, value: { pageCount: expect.any(Number) } });
      const pages = (preview as { value: { pageCount: number } }).value.pageCount;
      expect(pushed.length).toBeGreaterThan(1);
      expect(pushed.map(([c]) => c)).toEqual(pushed.map(() => 'paraphe:progress'));
      expect(pushed.map(([, p]) => (p as { callId?: string }).callId)).toEqual(pushed.map(() => 'k3y7a9-1'));
      expect(pushed.at(-1)![1]).toEqual({ task: 'render', phase: 'draw', done: pages, total: pages, callId: 'k3y7a9-1' });
      // Without an id, no progress is pushed; a malformed id is refused before any work.
      pushed.length = 0;
      await expect(handlePreview({ senderFrame: { url: appUrl }, sender }, { conventionId: created.value.id })).resolves.toMatchObject({ ok: true });
      await expect(handlePreview({ senderFrame: { url: appUrl }, sender }, { conventionId: created.value.id }, 'no spaces allowed')).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(pushed).toEqual([]);

      // Permissions refused, CSP header added.
      let granted: boolean | undefined;
      fake.session.permissionRequest!({}, 'media', (ok) => { granted = ok; });
      expect(granted).toBe(false);
      expect(fake.session.permissionCheck!()).toBe(false);
      let headers: Record<string, string[]> = {};
      fake.session.headers!({ responseHeaders: {} }, (r) => { headers = r.responseHeaders; });
      expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);

      // Every web contents: no navigation away, no new window, no <webview>.
      const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
      let openHandler: (() => { action: string }) | undefined;
      const contents = { on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => { listeners.set(name, fn); }, setWindowOpenHandler: (fn: () => { action: string }) => { openHandler = fn; } };
      fake.events.get('web-contents-created')![0]!({}, contents);
      const prevented = (name: string, url?: string) => {
        let p = false;
        listeners.get(name)!({ preventDefault: () => { p = true; } }, url);
        return p;
      };
      expect(prevented('will-navigate', 'https://example.org/')).toBe(true);
      expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
      expect(prevented('will-navigate', appUrl)).toBe(false);
      expect(prevented('will-navigate', pathToFileURL(resolve('out/renderer/index.html')).href)).toBe(true);
      expect(prevented('will-navigate', 'paraphe://other/index.html')).toBe(true);
      expect(prevented('will-redirect', 'https://example.org/')).toBe(true);
      expect(prevented('will-attach-webview')).toBe(true);
      expect(openHandler!()).toEqual({ action: 'deny' });

      expect((fake.menu() as Array<{ label: string }>).map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Aide']);

      // Quitting closes the store: the lock goes, the folder opens again with what was saved.
      const lock = join(userData, 'data', 'paraphe.lock');
      expect(existsSync(lock)).toBe(true);
      await quitBundledMain(fake);
      quitted = true;
      expect(existsSync(lock)).toBe(false);
      const again = await openStore(join(userData, 'data'));
      expect((await again.list()).map((c) => c.title)).toContain('Depuis le vrai main');
      await again.close();
    } finally {
      if (!quitted) await quitBundledMain(fake);
      await rm(userData, { recursive: true, force: true });
    }
  });
});

/*
 * `electron-builder --linux dir` for real, with a stand-in Electron distribution (the binary
 * cannot be downloaded here) whose only content is a fuse wire: this checks what goes into the
 * asar, that the afterPack hook flips the fuses of the packed binary, and that the packed app's
 * main process starts and renders a PDF with nothing but what the asar holds.
 */

const asar = createRequire(import.meta.url)('@electron/asar') as { listPackage(p: string, o: object): string[]; extractAll(p: string, dest: string): void };
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

describe('electron-builder --linux dir (after the build above; same file so they never run at once)', () => {
  let root = '';
  let unpacked = '';

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'paraphe-package-'));
    const dist = join(root, 'electron-dist');
    await mkdir(dist);
    const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([Number(FuseVersion.V1), 9]), Buffer.from('101100011')]);
    await writeFile(join(dist, 'electron'), Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
    await chmod(join(dist, 'electron'), 0o755);
    await writeFile(join(dist, 'version'), '45.5.0');
    await writeFile(join(dist, 'LICENSE'), '');
    await run(process.execPath, [
      'node_modules/electron-builder/cli.js', '--config', 'electron-builder.yml', '--linux', 'dir',
      `-c.electronDist=${dist}`, '-c.electronVersion=45.5.0', '-c.npmRebuild=false', `-c.directories.output=${join(root, 'dist')}`,
    ], { timeout: 180_000 });
    unpacked = join(root, 'dist', 'linux-unpacked');
  }, 300_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('packs the built app and the fonts, not the sources nor the dependencies', () => {
    const files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), {}).map((f) => f.replaceAll('\\', '/'));
    for (const needed of ['/package.json', '/out/main/index.cjs', '/out/main/worker.cjs', '/out/main/preload.cjs', '/out/renderer/index.html', '/node_modules/@codegouvfr/react-dsfr/dsfr/fonts/Marianne-Regular.woff2']) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => /^\/(main|renderer|shared|test|bench|scripts)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') || f.endsWith('.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('/node_modules/') && !f.startsWith('/node_modules/@codegouvfr') && !f.startsWith('/node_modules/pkcs11js'))).toEqual([]);
  });

  it('packs pkcs11js with its native addon unpacked beside the asar, loadable from the packed main', () => {
    const files = asar.listPackage(join(unpacked, 'resources', 'app.asar'), {}).map((f) => f.replaceAll('\\', '/'));
    expect(files.filter((f) => f.startsWith('/node_modules/pkcs11js/') && /\.(js|json|node)$/.test(f)).sort()).toEqual([
      '/node_modules/pkcs11js/build/Release/pkcs11.node', '/node_modules/pkcs11js/index.js', '/node_modules/pkcs11js/package.json',
    ]);
    const addon = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'pkcs11js', 'build', 'Release', 'pkcs11.node');
    expect(existsSync(addon)).toBe(true);
    // What main does at the first card operation (Electron redirects the .node to the unpacked copy).
    const app = join(root, 'extracted-pkcs11');
    asar.extractAll(join(unpacked, 'resources', 'app.asar'), app);
    const pkcs11js = createRequire(join(app, 'out', 'main', 'index.cjs'))('pkcs11js') as { PKCS11: unknown };
    expect(typeof pkcs11js.PKCS11).toBe('function');
  });

  it('flips the fuses of the packed binary', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'paraphe'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  it('the packed main process starts and renders a PDF from what the asar holds alone', async () => {
    const app = join(root, 'extracted');
    asar.extractAll(join(unpacked, 'resources', 'app.asar'), app);
    const userData = join(root, 'user-data');
    const fake = fakeElectron(userData);
    await startBundledMain(join(app, 'out', 'main', 'index.cjs'), fake);
    try {
      expect(fake.windows).toHaveLength(1);
      const appUrl = 'paraphe://app/index.html';
      expect(fake.windows[0]!.url).toBe(appUrl);
      // The renderer's files are served from inside the extracted asar.
      const served = await fake.protocols.get('paraphe')!({ url: appUrl });
      expect(await served.text()).toBe(await readFile(join(app, 'out', 'renderer', 'index.html'), 'utf8'));
      const event = { senderFrame: { url: appUrl } };
      const created = (await fake.handlers.get('convention:create')!(event, { templateId: 'exemple-camino-2020' })) as { ok: boolean; value: { id: string } };
      expect(created.ok).toBe(true);
      const preview = await fake.handlers.get('pdf:preview')!(event, { conventionId: created.value.id });
      expect(preview).toMatchObject({ ok: true, value: { pageCount: expect.any(Number) } });
    } finally {
      await quitBundledMain(fake);
    }
  });
});
