import type { Finding } from '../../../shared/model/migrate';
import type { Lang } from '../../i18n/messages';

/** The identifiers of the wizard's steps, in order. */
export type StepId =
  | 'general' | 'parties' | 'visas' | 'preamble' | 'articles' | 'budget' | 'accounting'
  | 'annexes' | 'signatories' | 'review' | 'finalize' | 'signature' | 'export';

/** One step of the wizard: its label and the model paths whose findings belong to it. */
export interface StepDef {
  readonly id: StepId;
  /** French label: the default, and the one the e2e specs look for. */
  readonly label: string;
  /** The same label in the English interface. */
  readonly labelEn: string;
  /** First segment of a finding's path (`budget.rows[0]…` → `budget`). */
  readonly roots: readonly string[];
  /**
   * Paths edited on this step given as prefixes, the longest matching one winning (the
   * presentation on the first step, its bloc-marque on Parties); unlike `roots`, they do not
   * count in telling whether the step is still blank.
   */
  readonly prefixes?: readonly string[];
  /** Steps that edit the draft (the others review, lock, sign or export it). */
  readonly editing: boolean;
}

/** The thirteen steps, in the order a legal officer walks them. */
export const STEPS: readonly StepDef[] = [
  { id: 'general', label: 'Informations générales', labelEn: 'General information', roots: ['title', 'shortTitle', 'place', 'date', 'originals', 'kind', 'avenant'], prefixes: ['presentation'], editing: true },
  { id: 'parties', label: 'Parties', labelEn: 'Parties', roots: ['parties'], prefixes: ['presentation.blocMarque'], editing: true },
  { id: 'visas', label: 'Visas', labelEn: 'Recitals (visas)', roots: ['visas'], editing: true },
  { id: 'preamble', label: 'Préambule', labelEn: 'Preamble', roots: ['preamble', 'agreementFormula'], editing: true },
  { id: 'articles', label: 'Articles', labelEn: 'Articles', roots: ['articles'], editing: true },
  { id: 'budget', label: 'Budget', labelEn: 'Budget', roots: ['budget'], editing: true },
  { id: 'accounting', label: 'Références comptables', labelEn: 'Accounting references', roots: ['accounting'], editing: true },
  { id: 'annexes', label: 'Annexes', labelEn: 'Annexes', roots: ['annexes'], editing: true },
  { id: 'signatories', label: 'Signataires', labelEn: 'Signatories', roots: ['signatories'], editing: true },
  { id: 'review', label: 'Relecture', labelEn: 'Review', roots: [], editing: false },
  { id: 'finalize', label: 'Finalisation', labelEn: 'Finalisation', roots: [], editing: false },
  { id: 'signature', label: 'Signature', labelEn: 'Signing', roots: [], editing: false },
  { id: 'export', label: 'Export', labelEn: 'Export', roots: [], editing: false },
];

/** A step's label in the interface language. */
export function stepLabel(step: StepDef, lang: Lang): string {
  return lang === 'en' ? step.labelEn : step.label;
}

/** `budget.rows[0].ae[1]` → `budget`; `` → ``. */
export function pathRoot(path: string): string {
  const m = /^[^.[]*/.exec(path);
  return m ? m[0] : '';
}

/**
 * The step where a finding is fixed. A party without signatory (`parties[1]` with that
 * message) is still shown on Parties: the message itself names the Signataires step.
 */
export function stepOfPath(path: string): StepId | undefined {
  const within = (prefix: string) => path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
  let best: { id: StepId; length: number } | undefined;
  for (const s of STEPS) {
    for (const prefix of s.prefixes ?? []) if (within(prefix) && prefix.length > (best?.length ?? 0)) best = { id: s.id, length: prefix.length };
  }
  if (best) return best.id;
  const root = pathRoot(path);
  return STEPS.find((s) => s.roots.includes(root))?.id;
}

/** Findings grouped by step; those no step claims go under `review`. */
export function findingsByStep(findings: readonly Finding[]): Map<StepId, Finding[]> {
  const out = new Map<StepId, Finding[]>();
  for (const f of findings) {
    const id = stepOfPath(f.path) ?? 'review';
    const list = out.get(id);
    if (list) list.push(f);
    else out.set(id, [f]);
  }
  return out;
}

/** What the side menu shows for a step; `todo`: not looked at yet, and empty or with findings. */
export type StepStatus = 'complete' | 'warning' | 'error' | 'neutral' | 'todo';

/**
 * True when nothing has been typed in the parts of the convention a step edits: every text
 * blank, every list empty or made of blank items. Numbers, flags, ids and kinds are the
 * template's defaults, not something typed.
 */
export function stepIsBlank(step: StepDef, convention: object): boolean {
  const c = convention as Record<string, unknown>;
  return step.roots.every((root) => isBlank(c[root]));
}

function isBlank(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.every(isBlank);
  if (value && typeof value === 'object') {
    return Object.entries(value).every(([key, v]) => key === 'id' || key === 'kind' || isBlank(v));
  }
  return true;
}

/** An editing step is complete when it has no finding; the others have no status of their own. */
export function stepStatus(step: StepDef, findings: readonly Finding[] | undefined, seen = true, blank = false): StepStatus {
  if (!step.editing) return 'neutral';
  // Not looked at yet: no red count before the user has had a chance, and no « Complet » on an empty step.
  if (!seen && ((findings && findings.length > 0) || blank)) return 'todo';
  if (!findings || findings.length === 0) return 'complete';
  return findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
}

/** The DOM id of the input editing a model path, so that a finding can focus its field. */
export function fieldId(path: string): string {
  return `champ-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '')}`;
}

/** Step index of a step id. */
export function stepIndex(id: StepId): number {
  return STEPS.findIndex((s) => s.id === id);
}

/** Where a finding is, in words: `parties[1].representatives[0].name` → « partie 2, représentant 1 ». */
export function describePath(path: string, names: Readonly<Record<string, string>>): string {
  const out: string[] = [];
  for (const m of path.matchAll(/([A-Za-z]+)\[(\d+)\]/g)) {
    const name = names[m[1] ?? ''];
    if (name) out.push(`${name} ${Number(m[2]) + 1}`);
  }
  return out.join(', ');
}
