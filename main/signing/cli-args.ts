/** Small argument parser shared by `paraphe sign`, `verify` and `identity`. */
import { UserError } from '../../shared/errors';

/** Parsed arguments: positionals, and options (repeatable ones keep every value). */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly options: Map<string, string[]>;
  readonly flags: Set<string>;
}

/**
 * Parses `argv` given which options take a value and which are flags. Unknown options are a
 * usage error (UserError code `usage`, exit 2 in the commands).
 */
export function parseArgs(argv: readonly string[], valued: Record<string, string>, flags: readonly string[], command: string): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string[]>();
  const set = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const key = eq > 0 ? a.slice(0, eq) : a;
    const canonical = valued[key];
    if (canonical) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') throw new UserError('usage', `L’option ${key} attend une valeur. Voir « paraphe ${command} --help ».`);
      options.set(canonical, [...(options.get(canonical) ?? []), v]);
    } else if (flags.includes(a)) set.add(a);
    else if (a.startsWith('-') && a !== '-') throw new UserError('usage', `Option inconnue : ${a}. Voir « paraphe ${command} --help ».`);
    else positionals.push(a);
  }
  return { positionals, options, flags: set };
}

/** Password from PARAPHE_PASSWORD, else asked without echo. */
export async function passwordFrom(io: { env: Readonly<Record<string, string | undefined>>; askPassword: (p: string) => Promise<string> }, prompt: string): Promise<string> {
  const env = io.env.PARAPHE_PASSWORD;
  return env !== undefined && env !== '' ? env : io.askPassword(prompt);
}

/**
 * A card's PIN from PARAPHE_PIN, else asked without echo (the password prompt's helper). Never
 * printed, never kept: the caller uses it for one login.
 */
export async function pinFrom(io: { env: Readonly<Record<string, string | undefined>>; askPassword: (p: string) => Promise<string> }, prompt: string): Promise<string> {
  const env = io.env.PARAPHE_PIN;
  if (env !== undefined && env !== '') return env;
  try {
    return await io.askPassword(prompt);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'password-required') throw e;
    throw new UserError('pin-required', 'Le code PIN de la carte est nécessaire, mais aucun terminal n’est disponible pour le saisir. Définissez la variable d’environnement PARAPHE_PIN ou lancez la commande dans un terminal.');
  }
}
