import { randomUUID } from 'node:crypto';
import { getTemplate, instantiateTemplate, listTemplates } from '../../../shared/templates/index';
import { isValidIsoDate } from '../../../shared/rules/format';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe template <list | show> [options]

Modèles de conventions fournis avec Paraphe.

Sous-commandes :
  list              liste les modèles : identifiant, titre et description
  show <id>         affiche le modèle au format d'échange JSON (voir docs/format.md)

Options de « show » :
  --fresh           donne une copie prête à l'emploi : nouveaux identifiants
  --date AAAA-MM-JJ date de la convention (avec --fresh ; par défaut : aujourd'hui)

Exemples :
  paraphe template list
  paraphe template show exemple-camino-2020 > convention.json
  paraphe template show delegation-de-gestion --fresh --date 2026-01-15
`;

/** Today's date in the local time zone, ISO form. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function usageError(io: CliIo, why: string): number {
  io.stderr(`paraphe template : ${why}. Tapez « paraphe template --help » pour l'aide.\n`);
  return 2;
}

/** `paraphe template list|show`. */
export const templateCommand: Command = {
  name: 'template',
  summary: 'liste les modèles de conventions ou en affiche un au format JSON',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub === 'list') {
      if (rest.length > 0) return usageError(io, `argument inattendu « ${rest[0]} »`);
      const templates = listTemplates();
      const width = Math.max(0, ...templates.map((t) => t.id.length));
      for (const t of templates) io.stdout(`${t.id.padEnd(width)}  ${t.title}\n${' '.repeat(width)}  ${t.description}\n`);
      return 0;
    }
    if (sub === 'show') {
      let id: string | undefined;
      let fresh = false;
      let date: string | undefined;
      for (let i = 0; i < rest.length; i += 1) {
        const a = rest[i]!;
        if (a === '--fresh') fresh = true;
        else if (a === '--date') {
          date = rest[i + 1];
          i += 1;
          if (date === undefined || !isValidIsoDate(date)) return usageError(io, '--date attend une date au format AAAA-MM-JJ');
        } else if (a.startsWith('-')) return usageError(io, `option inconnue « ${a} »`);
        else if (id === undefined) id = a;
        else return usageError(io, `argument inattendu « ${a} »`);
      }
      if (id === undefined) return usageError(io, 'indiquez l’identifiant du modèle (paraphe template list les donne)');
      if (date !== undefined && !fresh) return usageError(io, '--date ne s’emploie qu’avec --fresh');
      if (!getTemplate(id)) {
        io.stderr(`paraphe template : modèle inconnu « ${id} ». Modèles disponibles : ${listTemplates().map((t) => t.id).join(', ')}.\n`);
        return 1;
      }
      const convention = fresh ? instantiateTemplate(id, { newId: randomUUID, date: date ?? today() }) : getTemplate(id)!.build();
      io.stdout(`${JSON.stringify(convention, null, 2)}\n`);
      return 0;
    }
    if (sub === undefined) return usageError(io, 'indiquez une sous-commande : list ou show');
    return usageError(io, `sous-commande inconnue « ${sub} » (list ou show)`);
  },
};
