import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The real password prompt on a real pseudo-terminal (util-linux `script` allocates one):
 * what is typed is read, and never echoed back to the screen.
 */
const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'paraphe-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runOnTty(typed: string[]): Promise<string> {
  const helper = join(dir, 'ask.mts');
  writeFileSync(
    helper,
    `import { createNodeCliIo } from ${JSON.stringify(join(root, 'main', 'cli', 'io.ts'))};
const io = createNodeCliIo();
try {
  const secret = await io.askPassword('Mot de passe du certificat : ');
  process.stdout.write('RESULT ' + JSON.stringify({ length: secret.length, ok: secret === 'sécret!2' }) + '\\n');
} catch (e) {
  process.stdout.write('ERROR ' + (e as Error).message + '\\n');
}
process.exit(0);
`,
  );
  const command = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(helper)}`;
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: root,
    env: { ...process.env, PARAPHE_PASSWORD: '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let sent = false;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    // Type only once the prompt is up, i.e. once echo is off, as a person would.
    if (!sent && out.includes('Mot de passe du certificat : ')) {
      sent = true;
      typed.forEach((chunk, i) => setTimeout(() => child.stdin.write(chunk), 50 * (i + 1)));
    }
  });
  return new Promise((ok, ko) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); ko(new Error(`no answer; saw: ${out}`)); }, 30_000);
    child.on('close', () => { clearTimeout(timer); ok(out); });
  });
}

describe.skipIf(!hasScript)('password prompt on a terminal', () => {
  it('reads the secret without echoing it, backspace included', async () => {
    const out = await runOnTty(['sécret', 'X\u007f', '!2', '\r']);
    expect(out).toContain('RESULT {"length":8,"ok":true}');
    expect(out).not.toMatch(/sécret|cret!/);
  });

  it('Ctrl-C cancels with a French message', async () => {
    const out = await runOnTty(['abc', '\u0003']);
    expect(out).toContain('ERROR Saisie du mot de passe annulée.');
  });
});
