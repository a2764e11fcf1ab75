import { isUserError } from '../../shared/errors';
import type { CliIo, Command } from './command';
import { commands as allCommands, resolveCommand } from './commands/index';

/** The version printed by `paraphe --version` (kept in step with package.json by a test). */
export const VERSION = '0.1.0';

/** True when the argument list asks for help (`--help` or `-h` anywhere). */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** The French usage of `paraphe` itself, listing every command's summary. */
export function globalUsage(commands: readonly Command[] = allCommands): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Paraphe — rédiger, générer et signer des conventions entre administrations.',
    '',
    'Usage : paraphe <commande> [options]',
    '',
    'Commandes :',
    ...lines,
    '',
    'Options :',
    '  -h, --help     affiche cette aide (ou celle d’une commande : paraphe <commande> --help)',
    '  --version      affiche la version de Paraphe',
    '',
  ].join('\n');
}

/**
 * Runs `paraphe` with its arguments (without `node` and the script) and returns the exit
 * code: 0 success, 1 failure (invalid input, error), 2 bad usage. Never throws for user
 * errors; unexpected errors are left to the caller (bin/paraphe.mjs) to report.
 */
export async function main(argv: string[], io: CliIo, commands: readonly Command[] = allCommands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    const cmd = topic === undefined ? undefined : commands.find((c) => c.name === topic);
    if (topic !== undefined && !cmd) return unknownCommand(topic, io, commands);
    io.stdout(cmd ? ensureNewline((await resolveCommand(cmd)).usage) : globalUsage(commands));
    return 0;
  }
  if (first === '--version' || first === '-v' || first === '-V') {
    io.stdout(`paraphe ${VERSION}\n`);
    return 0;
  }
  const cmd = commands.find((c) => c.name === first);
  if (!cmd) return unknownCommand(first, io, commands);
  if (wantsHelp(rest)) {
    io.stdout(ensureNewline((await resolveCommand(cmd)).usage));
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`paraphe ${cmd.name} : ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

function unknownCommand(name: string, io: CliIo, commands: readonly Command[]): number {
  const what = name.startsWith('-') ? `Option inconnue : « ${name} ».` : `Commande inconnue : « ${name} ».`;
  io.stderr(`paraphe : ${what} Commandes disponibles : ${commands.map((c) => c.name).join(', ')}. Tapez « paraphe --help » pour l’aide.\n`);
  return 2;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
