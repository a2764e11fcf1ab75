import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Temporary folders that tests make (certificates, tokens, signed files) and that nothing
 * else removes: they go after the test file (vitest: test/helpers/vitest-setup.ts) or when the
 * process ends (Playwright's workers), whether its tests passed or not.
 */
const made: string[] = [];
let hooked = false;

/** Removes every folder made so far by scratchDir in this process. */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
}

/** A new folder under the system's temporary folder, removed when this process exits. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  if (!hooked) {
    hooked = true;
    process.once('exit', removeScratchDirs);
  }
  return dir;
}
