import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/*
 * pkcs11js is a native addon: only a card operation may load it. A CLI command that has
 * nothing to do with cards (and main's import of the signing module) must not.
 */

function loadedAfter(script: string): { loaded: boolean; out: string } {
  const code = `${script}
const { createRequire } = await import('node:module');
const cache = createRequire(import.meta.url).cache;
console.log('PKCS11JS=' + Object.keys(cache).some((k) => k.includes('pkcs11js')));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', cwd: process.cwd() });
  return { loaded: /PKCS11JS=true/.test(r.stdout), out: `${r.stdout}${r.stderr}` };
}

describe('pkcs11js is loaded lazily', () => {
  it('not by importing the CLI and main/signing, nor by `paraphe template list` or `paraphe sign --help`', () => {
    const r = loadedAfter(`
const { commands, resolveCommand } = await import('./main/cli/commands/index.ts');
await import('./main/signing/index.ts');
await import('./main/ipc/handlers/pkcs11.ts');
const io = { stdout: () => {}, stderr: () => {}, readStdin: async () => '', askPassword: async () => '', env: {}, cwd: process.cwd() };
for (const [name, argv] of [['template', ['list']], ['sign', ['--help']], ['identity', ['show']]]) {
  const cmd = await resolveCommand(commands.find((c) => c.name === name));
  await cmd.run(argv, io);
}`);
    expect(r.out).toContain('PKCS11JS=');
    expect(r.loaded, r.out).toBe(false);
  });

  it('by the first card operation (the check above can fail)', () => {
    const r = loadedAfter(`
const { listTokens } = await import('./main/signing/pkcs11/index.ts');
try { listTokens('/nonexistent/libcarte.so'); } catch {}
const { pkcs11js } = await import('./main/signing/pkcs11/module.ts');
pkcs11js();`);
    expect(r.loaded, r.out).toBe(true);
  });
});
