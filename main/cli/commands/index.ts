import type { CliIo, Command } from '../command';
import { templateCommand } from './template';
import { validateCommand } from './validate';
import { signCommand } from './sign';
import { verifyCommand } from './verify';
import { identityCommand } from './identity';

/** A command whose module is imported only when it runs or prints its usage. */
export interface LazyCommand extends Command {
  readonly load: () => Promise<Command>;
}

/**
 * Registers a heavy command without importing it: `render` pulls in the PDF engine, whose
 * import alone took 1.5–2.4 s here, and every other command (`validate`, `template`…) would
 * pay for it at each start. The summary is repeated here; a test checks it against the module.
 */
export function lazyCommand(name: string, summary: string, load: () => Promise<Command>): LazyCommand {
  let loaded: Promise<Command> | undefined;
  const get = () => (loaded ??= load());
  return {
    name,
    summary,
    usage: `Usage : paraphe ${name} … (« paraphe ${name} --help » pour le détail)`,
    load: get,
    async run(argv: readonly string[], io: CliIo) {
      return (await get()).run(argv, io);
    },
  };
}

/** The full command behind `cmd` (itself unless it is lazy). */
export async function resolveCommand(cmd: Command): Promise<Command> {
  return 'load' in cmd && typeof (cmd as LazyCommand).load === 'function' ? (cmd as LazyCommand).load() : cmd;
}

/** Every `paraphe` sub-command, in the order `paraphe --help` lists them (one per line). */
export const commands: readonly Command[] = [
  templateCommand,
  validateCommand,
  lazyCommand('render', 'génère le PDF d’une convention, prêt à signer (-o sortie.pdf)', () => import('./render').then((m) => m.renderCommand)),
  signCommand,
  verifyCommand,
  identityCommand,
];
