// First: zod must know before the model's schemas are built (shared/model, by migrate).
import '../zod-jitless';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { isUserError } from '../../../shared/errors';
import { parseConvention, type Finding } from '../../../shared/model/migrate';
import { isValidIsoDate } from '../../../shared/rules/format';
import { keepFacesIn } from '../../pdf/fonts';
import { renderConvention, type RenderResult } from '../../pdf/index';
import type { CliIo, Command } from '../command';
import { writeFileAtomicSync } from '../../pdf/write';
import { formatFinding, parseJsonText, readInput } from './validate';

const USAGE = `Usage : paraphe render <brouillon.json | -> -o <sortie.pdf> [--date AAAA-MM-JJ]

Génère le PDF d'une convention (format d'échange de Paraphe, voir docs/format.md) :
mise en page, polices Marianne incorporées, un champ de signature vide par signataire,
métadonnées d'archivage (PDF/A-2b visé).

Arguments :
  <brouillon.json>      la convention à mettre en page
  -                     lit la convention sur l'entrée standard
  -o, --output <fichier>  le PDF à écrire (remplacé s'il existe)
  --date AAAA-MM-JJ     date de création inscrite dans le PDF (par défaut : la date de
                        la convention) ; la même convention et la même date donnent
                        exactement le même fichier

La convention est d'abord vérifiée : si elle contient des erreurs, elles sont affichées
(« chemin : message », une par ligne) et aucun fichier n'est écrit.

Codes de sortie :
  0  PDF écrit (des avertissements peuvent être affichés)
  1  convention invalide, fichier illisible, ou PDF impossible à écrire
  2  mauvaise utilisation de la commande

Exemple :
  paraphe template show exemple-camino-2020 | paraphe render - -o camino.pdf
`;

interface RenderArgs {
  readonly input: string;
  readonly output: string;
  readonly date?: string;
}

/** Reads the arguments; a French complaint for whatever is wrong with them. */
function parseArgs(argv: readonly string[]): RenderArgs | string {
  const positional: string[] = [];
  let output: string | undefined;
  let date: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i]!;
    if (a === '--') continue;
    if (a === '-o' || a === '--output' || a === '--date') {
      const v = argv[i + 1];
      if (v === undefined || (v.startsWith('-') && v !== '-')) return `l'option ${a} attend une valeur`;
      if (a === '--date') date = v;
      else output = v;
      i += 1;
    } else if (a.startsWith('--output=')) output = a.slice('--output='.length);
    else if (a.startsWith('--date=')) date = a.slice('--date='.length);
    else if (a.startsWith('-') && a !== '-') return `option inconnue « ${a} »`;
    else positional.push(a);
  }
  if (positional.length === 0) return 'indiquez la convention à mettre en page (un fichier JSON, ou « - » pour l’entrée standard)';
  if (positional.length > 1) return 'une seule convention à la fois';
  if (!output) return 'indiquez le PDF à écrire avec -o <sortie.pdf>';
  if (date !== undefined && !isValidIsoDate(date)) return `la date « ${date} » n'est pas valable : écrivez-la AAAA-MM-JJ (ex. 2020-03-26)`;
  return { input: positional[0]!, output, ...(date !== undefined ? { date } : {}) };
}

/**
 * V8's budget before a function is compiled by its optimizing compiler (TurboFan), raised for
 * this short-lived process: with the default (132 kB of bytecode run), the layout's loops were
 * optimized in the background while the render was already ending, about a third of the
 * process's CPU for nothing (bench/startup.ts). At 1,000,000 a page or two is rendered by the
 * baseline code and only what stays hot (a long document's line breaking, its drawing) is
 * optimized: a 100-page render is faster too. The flag changes when code is optimized, never
 * what it computes (the same bytes: test/integration/pdf/cli-render-bytes.test.ts).
 */
const INTERRUPT_BUDGET = 1_000_000;

/** `paraphe render <brouillon.json|-> -o <sortie.pdf> [--date AAAA-MM-JJ]`. */
export const renderCommand: Command = {
  name: 'render',
  summary: 'génère le PDF d’une convention, prêt à signer (-o sortie.pdf)',
  usage: USAGE,
  async run(argv, io: CliIo) {
    const args = parseArgs(argv);
    if (typeof args === 'string') {
      io.stderr(`paraphe render : ${args}. Usage : paraphe render <brouillon.json | -> -o <sortie.pdf> [--date AAAA-MM-JJ]\n`);
      return 2;
    }
    const output = resolve(io.cwd, args.output);
    if (args.input !== '-' && resolve(io.cwd, args.input) === output) {
      io.stderr('paraphe render : le PDF remplacerait la convention elle-même : choisissez un autre nom de sortie.\n');
      return 2;
    }
    setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
    // Bundled (out/cli/commands/render-….cjs, main/cli/compiled.ts): Marianne kept decompressed
    // in out/cli/fonts/ between calls. Run from the sources, nothing is written beside them.
    if (import.meta.url.endsWith('.cjs')) keepFacesIn(join(dirname(fileURLToPath(import.meta.url)), '..', 'fonts'));
    const { text, label } = await readInput(args.input, io);
    const parsed = parseConvention(parseJsonText(text, label));
    if (!parsed.ok) {
      for (const f of parsed.findings) io.stdout(`${formatFinding(f)}\n`);
      io.stderr(`paraphe render : ${parsed.message} Aucun PDF n'a été écrit.\n`);
      return 1;
    }
    // Validated once, by the renderer: it refuses a convention with errors before writing
    // anything, and hands back the validator's findings, printed here errors first.
    let result: RenderResult & { path: string; sha256: string };
    try {
      const rendered = await renderConvention(parsed.convention, args.date !== undefined ? { date: args.date } : {});
      result = { ...rendered, ...writeFileAtomicSync(output, rendered.bytes) };
    } catch (e) {
      if (!isUserError(e) || e.code !== 'invalid-convention' || !Array.isArray(e.details)) throw e;
      const findings = e.details as readonly Finding[];
      const errors = findings.filter((f) => f.severity === 'error');
      for (const f of [...errors, ...findings.filter((f) => f.severity === 'warning')]) io.stdout(`${formatFinding(f)}\n`);
      io.stderr(`paraphe render : ${errors.length} erreur${errors.length > 1 ? 's' : ''} dans la convention : corrigez-${errors.length > 1 ? 'les' : 'la'} puis relancez. Aucun PDF n'a été écrit.\n`);
      return 1;
    }
    for (const w of result.warnings) io.stderr(`(avertissement) ${w}\n`);
    io.stdout(`PDF écrit : ${result.path} (${result.pageCount} page${result.pageCount > 1 ? 's' : ''}, SHA-256 ${result.sha256})\n`);
    return 0;
  },
};
