import { resolve } from 'node:path';
import { writeFileAtomic } from '../../pdf/write';
import { importWordFile } from '../../word/index';
import { parseArgs } from '../../signing/cli-args';
import type { CliIo, Command } from '../command';
import { formatFinding } from './validate';

const USAGE = `Usage : paraphe import-word <document.docx> -o <convention.json>

Lit un document Word (.docx) et en fait une convention au format d'échange de Paraphe (voir
docs/format.md) : titre, parties (« Entre … Et … »), visas (« Vu … »), préambule, articles
(« Article 1 : … », « Article 1er – … », titres Word), annexes (« Annexe 1 : … »), listes,
tableaux, tableau budgétaire (colonnes AE et CP, codes d'UO), références Chorus, « Fait à … »
et signataires. Ce qui n'est pas reconnu est gardé en texte, là où il était, et signalé
(une ligne « chemin : message » par constat) : relisez ces passages.

Les documents .doc (ancien format), protégés par un mot de passe, endommagés ou anormalement
volumineux une fois décompressés sont refusés, sans rien écrire.

Arguments :
  <document.docx>         le document Word à lire
  -o, --output <fichier>  la convention JSON à écrire (remplacée si elle existe)

Codes de sortie :
  0  convention écrite (des constats peuvent être affichés)
  1  document refusé ou illisible, ou fichier impossible à écrire
  2  mauvaise utilisation de la commande

Exemple :
  paraphe import-word convention-partenaire.docx -o brouillon.json && paraphe validate brouillon.json
`;

/** `paraphe import-word <document.docx> -o <convention.json>`. */
export const importWordCommand: Command = {
  name: 'import-word',
  summary: 'lit un document Word (.docx) et en fait une convention JSON (-o convention.json)',
  usage: USAGE,
  async run(argv, io: CliIo) {
    let args;
    try {
      args = parseArgs(argv, { '-o': 'output', '--output': 'output' }, [], 'import-word');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    const positional = args.positionals;
    const output = args.options.get('output')?.at(-1);
    let problem: string | undefined;
    if (!problem && positional.length !== 1) problem = positional.length ? 'un seul document à la fois' : 'indiquez le document Word à lire (.docx)';
    if (!problem && !output) problem = 'indiquez la convention à écrire avec -o <convention.json>';
    if (problem) {
      io.stderr(`paraphe import-word : ${problem}. Usage : paraphe import-word <document.docx> -o <convention.json>\n`);
      return 2;
    }
    const source = resolve(io.cwd, positional[0]!);
    const target = resolve(io.cwd, output!);
    if (source === target) {
      io.stderr('paraphe import-word : la convention remplacerait le document Word lui-même : choisissez un autre nom de sortie.\n');
      return 2;
    }
    // A refused document throws a UserError: bin/paraphe.mjs prints its French message, exit 1.
    const { convention, findings } = await importWordFile(source);
    for (const f of findings) io.stdout(`${formatFinding(f)}\n`);
    await writeFileAtomic(target, Buffer.from(`${JSON.stringify(convention, null, 2)}\n`, 'utf8'));
    const n = convention.articles.length;
    io.stdout(`Convention écrite : ${target} (${n} article${n > 1 ? 's' : ''}, ${convention.annexes.length} annexe${convention.annexes.length > 1 ? 's' : ''}, ${findings.length} constat${findings.length > 1 ? 's' : ''} à relire)\n`);
    return 0;
  },
};
