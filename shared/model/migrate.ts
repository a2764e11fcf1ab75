import { en, fr } from 'zod/v4/locales';
import type { z } from 'zod';
import { UserError } from '../errors';
import { coded, type FindingCode } from '../rules/finding-texts';
import { ConventionSchema, SCHEMA_VERSION, type Convention } from './convention';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from './limits';

/**
 * Upgrades of the interchange format, one step per version: `migrations[n]` turns a
 * version-n document into version n+1, so every stored or exported JSON keeps opening.
 *
 * 1 → 2: version 2 only adds optional structures (entity determiners and representatives,
 * designation leads and openings, numbered sub-articles, references, budget years,
 * presentation), each of which prints as version 1 did when absent: the step only bumps the
 * version.
 */
export const migrations: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {
  1: (doc) => doc,
};

/** Brings any known older version of a convention JSON to the current one (no validation). */
export function migrate(
  raw: unknown,
  steps: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = migrations,
  target: number = SCHEMA_VERSION,
): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserError('not-a-convention', "Ce contenu n'est pas une convention Paraphe (un objet JSON est attendu). Vérifiez le fichier choisi.");
  }
  let doc = raw as Record<string, unknown>;
  const version = doc.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new UserError('not-a-convention', "Ce fichier n'est pas une convention Paraphe : le champ « schemaVersion » manque ou n'est pas valable. Exportez la convention depuis Paraphe puis réessayez.");
  }
  if (version > target) {
    throw new UserError('newer-format', `Cette convention a été enregistrée par une version plus récente de Paraphe (format ${version}, cette version lit jusqu'au format ${target}). Mettez Paraphe à jour pour l'ouvrir.`);
  }
  for (let v = version; v < target; v += 1) {
    const step = steps[v];
    if (!step) throw new UserError('no-migration', `Aucune conversion connue du format ${v} vers le format ${v + 1}.`);
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  return doc;
}

/** A problem found in a convention: where it is and what to do about it, in French. */
export interface Finding {
  readonly severity: 'error' | 'warning';
  /** Path to the field, e.g. `budget.rows[0].ae[1].amountCents`; '' for the whole document. */
  readonly path: string;
  /** French, says what to do: what the CLI prints and the French interface shows. */
  readonly message: string;
  /** Stable name of the problem (e.g. `budget.cp-above-ae`), for texts in other languages (shared/rules/finding-texts.ts). */
  readonly code?: FindingCode;
  /** What the sentence quotes (numbers, UO codes, amounts already formatted the French way). */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Formats a zod/JS path as `a.b[0].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (out ? '.' : '') + String(part);
  }
  return out;
}

/** Migrates then checks the shape; never throws for bad input. */
export function parseConvention(
  raw: unknown,
): { ok: true; convention: Convention } | { ok: false; message: string; findings: Finding[] } {
  if (nestsDeeperThan(raw, MAX_DOCUMENT_DEPTH)) {
    // Before zod, whose recursion would overflow the stack on a document nested thousands deep.
    return {
      ok: false,
      message: `Cette convention est imbriquée sur plus de ${MAX_DOCUMENT_DEPTH} niveaux (listes dans des listes…) : ce n'est pas un document Paraphe valable. Vérifiez le fichier choisi.`,
      findings: [],
    };
  }
  let doc: Record<string, unknown>;
  try {
    doc = migrate(raw);
  } catch (e) {
    if (e instanceof UserError) return { ok: false, message: e.message, findings: [] };
    throw e;
  }
  const parsed = ConventionSchema.safeParse(doc, { error: frenchIssue });
  if (parsed.success) return { ok: true, convention: parsed.data };
  // zod words its issues in one language per parse: the failed document is parsed once more in
  // English (same issues, same order) so that the English interface can show zod's English.
  const english = ConventionSchema.safeParse(doc, { error: englishIssue });
  const findings: Finding[] = parsed.error.issues.map((issue, i) => {
    const path = formatPath(issue.path);
    if (issue.message === MISSING) return coded('error', path, 'format.missing');
    const detailEn = english.success ? undefined : english.error.issues[i]?.message;
    return coded('error', path, 'format.invalid', { detail: issue.message, detailEn: detailEn ?? 'Invalid value' });
  });
  return {
    ok: false,
    message: `Cette convention ne respecte pas le format attendu (${findings.length} problème${findings.length > 1 ? 's' : ''}).`,
    findings,
  };
}

const frenchLocale = fr().localeError;
const englishLocale = en().localeError;
const MISSING = 'Champ obligatoire manquant';

/** zod's messages in French; a missing field says so plainly instead of « indéfini reçu ». */
export function frenchIssue(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return MISSING;
  const out = frenchLocale(issue);
  const text = typeof out === 'string' ? out : out?.message;
  return text ?? 'Valeur invalide';
}

/** zod's messages in English, for the `format.invalid` finding's English text. */
function englishIssue(issue: z.core.$ZodRawIssue): string {
  const out = englishLocale(issue);
  const text = typeof out === 'string' ? out : out?.message;
  return text ?? 'Invalid value';
}
