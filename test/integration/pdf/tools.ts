import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scratchDir } from '../../helpers/scratch';

/** Runs a command-line checker (poppler, qpdf) and returns what it said. */
export function run(cmd: string, args: readonly string[], input?: Uint8Array): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...(input ? { input } : {}) });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Folder of artifacts a person can look at (gitignored): test-results/pdf/. */
export function artifactDir(): string {
  const dir = resolve(import.meta.dirname, '..', '..', '..', 'test-results', 'pdf');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A path in this process's own temporary folder: checks run on files nobody else touches
 * (Playwright empties test-results/ when it starts, possibly while these tests run).
 */
let work: string | null = null;
export function workFile(name: string): string {
  if (!work) {
    work = scratchDir('paraphe-pdf-test-');
  }
  return join(work, name);
}

/** Copies a file into test-results/pdf/ for a person to look at; best effort. */
export function keepArtifact(path: string, name: string): void {
  try {
    copyFileSync(path, join(artifactDir(), name));
  } catch {
    // The folder may be emptied by a concurrent Playwright start: the check already ran.
  }
}

/** Text as a reader compares it: no-break spaces as spaces, all runs of white space as one. */
export function normalize(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}
