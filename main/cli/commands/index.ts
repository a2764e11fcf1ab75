import type { CliIo, Command } from '../command';

/** A command whose module is imported only when it runs or prints its usage. */
export interface LazyCommand extends Command {
  readonly load: () => Promise<Command>;
}

/**
 * Registers a command without importing it: `render` pulls in the PDF engine (its import
 * alone took 1.5–2.4 s here), `sign` and `verify` the signing code, `validate` zod and the
 * rules; `paraphe --version`, `--help` and each command must not pay for the others. In the
 * bundle (scripts/build.mjs) each `import()` below is a chunk of its own. The summary is
 * repeated here; a test checks it against the module.
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
  lazyCommand('template', 'liste les modèles de conventions ou en affiche un au format JSON', () => import('./template').then((m) => m.templateCommand)),
  lazyCommand('validate', 'vérifie une convention (fichier JSON ou « - » pour l’entrée standard)', () => import('./validate').then((m) => m.validateCommand)),
  lazyCommand('render', 'génère le PDF d’une convention, prêt à signer (-o sortie.pdf)', () => import('./render').then((m) => m.renderCommand)),
  lazyCommand('sign', 'signe le PDF d’une convention avec un certificat (.p12) ou une carte, dans l’ordre des signataires', () =>
    import('./sign').then((m) => m.signCommand),
  ),
  lazyCommand('verify', 'vérifie les signatures d’un PDF et les modifications faites après chacune', () => import('./verify').then((m) => m.verifyCommand)),
  lazyCommand('extend', 'prolonge la validité d’un PDF signé : révocation à jour et horodatage du document (B-LTA)', () => import('./extend').then((m) => m.extendCommand)),
  lazyCommand('identity', 'crée une identité de test, affiche un certificat (.p12) ou liste les clés d’une carte', () =>
    import('./identity').then((m) => m.identityCommand),
  ),
  lazyCommand('export-word', 'écrit une convention en document Word (.docx) pour relecture (-o sortie.docx)', () =>
    import('./export-word').then((m) => m.exportWordCommand),
  ),
  lazyCommand('import-word', 'lit un document Word (.docx) et en fait une convention JSON (-o convention.json)', () =>
    import('./import-word').then((m) => m.importWordCommand),
  ),
];
