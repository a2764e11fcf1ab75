/** A CliIo that records what a command prints, for the CLI tests. */
import type { CliIo } from '../../../main/cli/command';

/** Captured output plus the io to pass to `run`. */
export interface RecordingIo {
  readonly io: CliIo;
  readonly out: () => string;
  readonly err: () => string;
  readonly prompts: string[];
}

/** An io in `cwd`; `password` answers prompts (env PARAPHE_PASSWORD too, when `viaEnv`). */
export function recordingIo(cwd: string, password?: string, viaEnv = true): RecordingIo {
  let out = '';
  let err = '';
  const prompts: string[] = [];
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => '',
    askPassword: async (p) => {
      prompts.push(p);
      if (password === undefined) throw new Error('no password');
      return password;
    },
    env: viaEnv && password !== undefined ? { PARAPHE_PASSWORD: password } : {},
    cwd,
  };
  return { io, out: () => out, err: () => err, prompts };
}
