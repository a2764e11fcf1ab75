import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript hook (electron-builder loads it as is)
import afterPack, { electronBinaryPath } from '../../../scripts/after-pack.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A stand-in for the packed Electron binary: filler bytes around a fuse wire of 9 fuses. */
async function fakeElectron(path: string, initial: string): Promise<void> {
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([Number(FuseVersion.V1), initial.length]), Buffer.from(initial)]);
  await writeFile(path, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
}

describe('scripts/after-pack.mjs', () => {
  it('flips the fuses of the packaged Linux binary', async () => {
    dir = await mkdtemp(join(tmpdir(), 'paraphe-fuses-'));
    // Electron's defaults: RunAsNode, NODE_OPTIONS and --inspect on; asar checks off.
    await fakeElectron(join(dir, 'paraphe'), '101100011');
    const context = { electronPlatformName: 'linux', appOutDir: dir, arch: 1, packager: { executableName: 'paraphe', appInfo: { productFilename: 'Paraphe' } } };
    expect(electronBinaryPath(context)).toBe(join(dir, 'paraphe'));
    await afterPack(context);

    const wire = await getCurrentFuseWire(join(dir, 'paraphe'));
    const state = (o: FuseV1Options) => wire[o];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
  });

  it('names the binary per platform', () => {
    const base = { appOutDir: '/o', arch: 1, packager: { executableName: 'paraphe', appInfo: { productFilename: 'Paraphe' } } };
    expect(electronBinaryPath({ ...base, electronPlatformName: 'win32' })).toBe(join('/o', 'Paraphe.exe'));
    expect(electronBinaryPath({ ...base, electronPlatformName: 'darwin' })).toBe(join('/o', 'Paraphe.app'));
  });
});
