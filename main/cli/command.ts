/** What a `paraphe` sub-command receives: its arguments and the outside world, as ports. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for `-` as a file argument). */
  readonly readStdin: () => Promise<string>;
  /** Asks a secret without echo (falls back to PARAPHE_PASSWORD when set). */
  readonly askPassword: (prompt: string) => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** One `paraphe <name> …` command. `run` returns the process exit code. */
export interface Command {
  readonly name: string;
  /** One French line for `paraphe --help`. */
  readonly summary: string;
  /** Full French usage text printed by `paraphe <name> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}
