import type { CliIo } from '../../../../main/cli/command';

/** A CliIo that records what a command prints; stdin and the password are given up front. */
export interface MemoryIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** Builds a recording CliIo rooted at `cwd`. */
export function memoryIo(opts: { cwd?: string; stdin?: string; password?: string; env?: Record<string, string> } = {}): MemoryIo {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => opts.stdin ?? '',
    askPassword: async () => opts.password ?? '',
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
