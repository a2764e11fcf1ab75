import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { promisify } from 'node:util';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelNames } from '../../../shared/ipc/channel-names';
import { contract } from '../../../shared/ipc/contract';
import { methodName } from '../../../shared/ipc/define';
import { META_CONTENT_SECURITY_POLICY } from '../../../main/electron/security';

const run = promisify(execFile);

beforeAll(async () => {
  await run(process.execPath, ['scripts/build.mjs'], { timeout: 120_000 });
}, 180_000);

/** Module names a CommonJS bundle still requires at run time. */
function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!))];
}

describe('scripts/build.mjs', () => {
  it('bundles main as CommonJS needing only electron and Node built-ins', async () => {
    const code = await readFile('out/main/index.cjs', 'utf8');
    const foreign = requiredModules(code).filter((m) => m !== 'electron' && !m.startsWith('node:') && !builtinModules.includes(m));
    expect(foreign).toEqual([]);
  });

  it('makes a small sandbox-safe preload that exposes exactly the contract', async () => {
    const code = await readFile('out/main/preload.cjs', 'utf8');
    // A sandboxed preload may only require a few modules; ours needs electron alone, and no zod.
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/zod/i);
    expect((await stat('out/main/preload.cjs')).size).toBeLessThan(8_000);

    // Run it as Electron would, with a recording contextBridge and ipcRenderer.
    const exposed: Record<string, unknown> = {};
    const invoked: Array<[string, unknown]> = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => { exposed[key] = value; } },
      ipcRenderer: { invoke: async (channel: string, payload: unknown) => { invoked.push([channel, payload]); return { ok: true, value: channel }; } },
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
    expect(Object.keys(api).sort()).toEqual(Object.keys(contract).map(methodName).sort());
    expect(Object.isFrozen(api)).toBe(true);
    await expect(api.conventionRename!({ id: 'a', title: 'b' })).resolves.toEqual({ ok: true, value: 'convention:rename' });
    expect(invoked).toEqual([['convention:rename', { id: 'a', title: 'b' }]]);
  });

  it('keeps the generated channel list equal to the contract', () => {
    expect([...channelNames]).toEqual(Object.keys(contract));
  });

  it('builds the renderer with relative paths (loaded from file://) and the CSP meta', async () => {
    const html = await readFile('out/renderer/index.html', 'utf8');
    expect(html).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!).filter((s) => !s.startsWith('data:'));
    expect(srcs.length).toBeGreaterThan(0);
    for (const src of srcs) expect(src).toMatch(/^\.\/assets\//);
    // No remote URL may be loaded at run time (offline app, strict CSP).
    expect(html).not.toMatch(/https?:\/\//);
  });
});
