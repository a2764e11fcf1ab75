import { resolve } from 'node:path';
import type { X509Certificate } from 'node:crypto';
import { isUserError, UserError } from '../../../shared/errors';
import { parseArgs } from '../../signing/cli-args';
import { parseCertificates } from '../../signing/crypto/certificate';
import { readUserFile, writeUserFile } from '../../signing/files';
import { extendPdf } from '../../signing/ltv/extend';
import { samePath } from '../../signing/service';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe extend <signé.pdf> --tsa <url> --trust <ca.pem> -o <sortie.pdf> [--proxy <url>]

Prolonge la validité d'un PDF signé (PAdES B-LTA) : le fichier est d'abord vérifié, puis
l'état de révocation de chaque certificat (signataires, autorités d'horodatage) est demandé
à nouveau et ajouté au document, et un horodatage du document scelle le tout. À refaire
avant l'expiration du certificat de la dernière autorité d'horodatage : chaque horodatage
couvre les précédents, et le document reste vérifiable hors ligne.

Un fichier invalide, modifié après une signature ou dont un certificat n'est pas reconnu
n'est pas prolongé : un nouvel horodatage scellerait ce défaut.

Options :
  --tsa <url>             l'autorité d'horodatage (RFC 3161) à interroger
  --trust <fichier>       certificat d'autorité de confiance (PEM ou DER), pour les
                          signataires et l'horodatage ; répétable
  -o, --output <fichier>  le PDF prolongé à écrire (différent de l'entrée)
  --proxy <url>           passer par ce proxy HTTP (http://[nom:secret@]hôte:port) pour
                          l'autorité d'horodatage et les services de révocation

Les répondeurs OCSP, les listes de révocation et l'autorité d'horodatage sont interrogés par
le réseau (10 s au plus chacun) : si l'un ne répond pas, ou mal, rien n'est écrit.

Codes de sortie : 0 prolongé ; 1 fichier refusé ou service injoignable ; 2 mauvaise utilisation.

Exemple :
  paraphe extend convention-signee.pdf --tsa https://horodatage.exemple.gouv.fr/tsa \\
      --trust autorite.pem -o convention-archivee.pdf
`;

/** `paraphe extend`: « Prolonger la validité », new validation data and a document timestamp. */
export const extendCommand: Command = {
  name: 'extend',
  summary: 'prolonge la validité d’un PDF signé : révocation à jour et horodatage du document (B-LTA)',
  usage: USAGE,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    let args;
    try {
      args = parseArgs(argv, { '--tsa': 'tsa', '--trust': 'trust', '-o': 'output', '--output': 'output', '--proxy': 'proxy' }, [], 'extend');
    } catch (e) {
      io.stderr(`${(e as Error).message}\n`);
      return 2;
    }
    const input = args.positionals[0];
    const output = args.options.get('output')?.[0];
    const tsa = args.options.get('tsa')?.[0];
    const trust = args.options.get('trust') ?? [];
    if (!input || !output || args.positionals.length > 1) {
      io.stderr('Indiquez le PDF signé à prolonger et -o <sortie.pdf>. Voir « paraphe extend --help ».\n');
      return 2;
    }
    if (!tsa) {
      io.stderr('Indiquez l’autorité d’horodatage : --tsa <url>. Voir « paraphe extend --help ».\n');
      return 2;
    }
    if (trust.length === 0) {
      io.stderr('Indiquez avec --trust le certificat de l’autorité qui a émis ceux des signataires et de l’horodatage : le fichier est vérifié avant d’être prolongé.\n');
      return 2;
    }
    try {
      const anchors: X509Certificate[] = [];
      for (const t of trust) anchors.push(...parseCertificates(await readUserFile(resolve(io.cwd, t), 'Le certificat de confiance')));
      const from = resolve(io.cwd, input);
      const to = resolve(io.cwd, output);
      if (await samePath(from, to)) {
        throw new UserError('EXTEND_SAME_PATH', 'Le fichier prolongé doit être différent du fichier d’origine : choisissez un autre nom de sortie (par exemple « convention-archivee.pdf »).');
      }
      const proxy = args.options.get('proxy')?.[0];
      const r = await extendPdf(await readUserFile(from, 'Le PDF'), { tsa: { url: tsa, ...(proxy ? { proxy } : {}) }, trustAnchors: anchors });
      await writeUserFile(to, r.chunks);
      const data = [r.ocsps > 0 ? `${r.ocsps} réponse(s) OCSP` : '', r.crls > 0 ? `${r.crls} liste(s) de révocation` : ''].filter(Boolean).join(' et ');
      io.stdout(`Validité prolongée : ${r.signatures} signature(s)${r.earlierTimestamps > 0 ? ` et ${r.earlierTimestamps} horodatage(s) du document précédent(s)` : ''}, ${data || 'aucune donnée de révocation (aucun service indiqué par les certificats)'} ajoutée(s).\n`);
      io.stdout(`Document horodaté par « ${r.timestamp.authority} » le ${r.timestamp.time} (champ « ${r.fieldName} », PAdES B-LTA).\n`);
      io.stdout(`Fichier écrit : ${output}\n`);
      return 0;
    } catch (e) {
      if (isUserError(e)) {
        io.stderr(`${e.message}\n`);
        return 1;
      }
      throw e;
    }
  },
};
