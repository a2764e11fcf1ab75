import { resolve } from 'node:path';
import { parseConvention } from '../../../shared/model/migrate';
import { hasErrors, validateConvention } from '../../../shared/rules/validate';
import { exportWordToFile } from '../../word/index';
import { parseArgs } from '../../signing/cli-args';
import type { CliIo, Command } from '../command';
import { formatFinding, parseJsonText, readInput } from './validate';

const USAGE = `Usage : paraphe export-word <convention.json | -> -o <sortie.docx> [--final]

Écrit la convention en document Word (.docx), mis en page comme le PDF : titre, parties,
visas, préambule, articles (styles Word « Titre 1 » et « Titre 2 »), listes (« Liste à
puces »), tableau budgétaire et références Chorus avec leurs totaux calculés, signataires,
annexes. Pour une relecture par un partenaire, en suivi des modifications.

Arguments :
  <convention.json>       la convention (format d'échange de Paraphe, voir docs/format.md)
  -                       lit la convention sur l'entrée standard
  -o, --output <fichier>  le document Word à écrire (remplacé s'il existe)
  --final                 sans la mention « Projet » en tête de page ; refusé si la
                          convention contient des erreurs. Par défaut, chaque page porte
                          « Projet – document non finalisé, à ne pas signer ».

Codes de sortie :
  0  document écrit
  1  convention illisible ou invalide (avec --final : contenant des erreurs), ou document
     impossible à écrire
  2  mauvaise utilisation de la commande

Exemple :
  paraphe template show exemple-camino-2020 | paraphe export-word - -o camino.docx
`;

/** `paraphe export-word <convention.json|-> -o <sortie.docx> [--final]`. */
export const exportWordCommand: Command = {
  name: 'export-word',
  summary: 'écrit une convention en document Word (.docx) pour relecture (-o sortie.docx)',
  usage: USAGE,
  async run(argv, io: CliIo) {
    let args;
    try {
      args = parseArgs(argv, { '-o': 'output', '--output': 'output' }, ['--final'], 'export-word');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    const positional = args.positionals;
    const output = args.options.get('output')?.at(-1);
    const final = args.flags.has('--final');
    let problem: string | undefined;
    if (!problem && positional.length !== 1) problem = positional.length ? 'une seule convention à la fois' : 'indiquez la convention à écrire (un fichier JSON, ou « - » pour l’entrée standard)';
    if (!problem && !output) problem = 'indiquez le document à écrire avec -o <sortie.docx>';
    if (problem) {
      io.stderr(`paraphe export-word : ${problem}. Usage : paraphe export-word <convention.json | -> -o <sortie.docx> [--final]\n`);
      return 2;
    }
    const input = positional[0]!;
    const target = resolve(io.cwd, output!);
    if (input !== '-' && resolve(io.cwd, input) === target) {
      io.stderr('paraphe export-word : le document remplacerait la convention elle-même : choisissez un autre nom de sortie.\n');
      return 2;
    }
    const { text, label } = await readInput(input, io);
    const parsed = parseConvention(parseJsonText(text, label));
    if (!parsed.ok) {
      for (const f of parsed.findings) io.stdout(`${formatFinding(f)}\n`);
      io.stderr(`paraphe export-word : ${parsed.message} Aucun document n'a été écrit.\n`);
      return 1;
    }
    if (final) {
      const errors = validateConvention(parsed.convention).filter((f) => f.severity === 'error');
      if (hasErrors(errors)) {
        for (const f of errors) io.stdout(`${formatFinding(f)}\n`);
        io.stderr(`paraphe export-word : ${errors.length} erreur${errors.length > 1 ? 's' : ''} dans la convention : corrigez-les, ou exportez sans --final (document marqué « Projet »). Aucun document n'a été écrit.\n`);
        return 1;
      }
    }
    const written = await exportWordToFile(parsed.convention, target, { draft: !final });
    io.stdout(`Document Word écrit : ${written.path}${final ? '' : ' (marqué « Projet »)'}\n`);
    return 0;
  },
};
