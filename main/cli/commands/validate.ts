import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../../shared/errors';
import { parseConvention, type Finding } from '../../../shared/model/migrate';
import { validateConvention, hasErrors } from '../../../shared/rules/validate';
import type { CliIo, Command } from '../command';

const USAGE = `Usage : paraphe validate <fichier.json | ->

Vérifie une convention au format d'échange de Paraphe (JSON, voir docs/format.md) :
sa forme, puis ses règles (parties, budget, signataires…).

Arguments :
  <fichier.json>  chemin du fichier à vérifier
  -               lit la convention sur l'entrée standard

Affiche chaque constat sur une ligne : « chemin : message » (erreurs, puis avertissements).

Codes de sortie :
  0  aucune erreur (des avertissements peuvent être affichés)
  1  erreurs trouvées, ou fichier illisible, qui n'est pas du JSON ou pas une convention
  2  mauvaise utilisation de la commande

Exemples :
  paraphe validate ma-convention.json
  paraphe template show exemple-camino-2020 | paraphe validate -
`;

/** Reads the file (or stdin for `-`), turning every failure into a French UserError. */
export async function readInput(arg: string, io: CliIo): Promise<{ text: string; label: string }> {
  if (arg === '-') return { text: await io.readStdin(), label: "l'entrée standard" };
  const path = resolve(io.cwd, arg);
  try {
    // Synchronous: nothing else to do meanwhile, and no trip through libuv's threads.
    return { text: readFileSync(path, 'utf8'), label: `« ${arg} »` };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('file-not-found', `Le fichier « ${arg} » n'existe pas. Vérifiez le chemin (dossier courant : ${io.cwd}).`);
    if (code === 'EISDIR') throw new UserError('is-a-directory', `« ${arg} » est un dossier : indiquez le fichier JSON de la convention.`);
    if (code === 'EACCES' || code === 'EPERM') throw new UserError('file-unreadable', `Le fichier « ${arg} » ne peut pas être lu (droits insuffisants). Vérifiez ses permissions.`);
    throw new UserError('file-unreadable', `Le fichier « ${arg} » ne peut pas être lu (${code ?? 'erreur inconnue'}).`);
  }
}

/** Parses JSON text, with the line and column of a syntax error in French. */
export function parseJsonText(text: string, label: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new UserError('empty-input', `${capitalize(label)} est vide : une convention au format JSON est attendue.`);
  try {
    return JSON.parse(body);
  } catch (e) {
    const where = jsonErrorPosition(body, e);
    throw new UserError(
      'not-json',
      `${capitalize(label)} n'est pas du JSON valide${where}. Une convention Paraphe s'exporte au format JSON (voir docs/format.md).`,
    );
  }
}

function jsonErrorPosition(text: string, e: unknown): string {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '');
  if (!m) return '';
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return ` (ligne ${line}, colonne ${column})`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** « chemin : message » — one finding per line; warnings say so; the whole document is « (convention) ». */
export function formatFinding(f: Finding): string {
  const tag = f.severity === 'warning' ? '(avertissement) ' : '';
  return `${f.path || '(convention)'} : ${tag}${f.message}`;
}

/** `paraphe validate <fichier|->`. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'vérifie une convention (fichier JSON ou « - » pour l’entrée standard)',
  usage: USAGE,
  async run(argv, io) {
    const args = argv.filter((a) => a !== '--');
    const unknown = args.filter((a) => a.startsWith('-') && a !== '-');
    if (unknown.length > 0 || args.length !== 1) {
      const why = unknown.length > 0 ? `option inconnue « ${unknown[0]} »` : args.length === 0 ? 'indiquez le fichier à vérifier' : 'un seul fichier à la fois';
      io.stderr(`paraphe validate : ${why}. Usage : paraphe validate <fichier.json | ->\n`);
      return 2;
    }
    const { text, label } = await readInput(args[0]!, io);
    const raw = parseJsonText(text, label);
    const parsed = parseConvention(raw);
    if (!parsed.ok) {
      io.stderr(`paraphe validate : ${capitalize(label)} : ${parsed.message}\n`);
      for (const f of parsed.findings) io.stdout(`${formatFinding(f)}\n`);
      return 1;
    }
    const findings = validateConvention(parsed.convention);
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    for (const f of [...errors, ...warnings]) io.stdout(`${formatFinding(f)}\n`);
    if (hasErrors(findings)) {
      io.stderr(`paraphe validate : ${errors.length} erreur${errors.length > 1 ? 's' : ''}, ${warnings.length} avertissement${warnings.length > 1 ? 's' : ''}. Corrigez les erreurs puis relancez la vérification.\n`);
      return 1;
    }
    io.stderr(
      warnings.length > 0
        ? `Convention valide, avec ${warnings.length} avertissement${warnings.length > 1 ? 's' : ''}.\n`
        : 'Convention valide : aucun problème trouvé.\n',
    );
    return 0;
  },
};
