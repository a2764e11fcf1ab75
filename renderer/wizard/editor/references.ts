import type { Block, Run } from '../../../shared/model/blocks';
import { mapRuns, runText } from '../../../shared/rules/numbering';

/** An article or annex a reference can point to, as the insertion menu lists it. */
export interface ReferenceChoice {
  readonly id: string;
  /** What the reference prints: « article 2 », « article 1er », « annexe 1 ». */
  readonly label: string;
  /** How the menu shows it: « Article 2 : Objet ». */
  readonly heading: string;
}

/** What an editor needs to offer and show references: the current labels, by target id, and the menu's choices. */
export interface EditorReferences {
  readonly labels: ReadonlyMap<string, string>;
  readonly choices: readonly ReferenceChoice[];
}

/**
 * The labels the reference chips of one editor show. Chips are plain DOM node views that
 * subscribe here: when an article moves, the step hands new labels and every chip updates in
 * place, without the editor's document changing (its stored text follows on the next save).
 */
export class ReferenceLabels {
  private labels: ReadonlyMap<string, string> = new Map();
  private readonly listeners = new Set<() => void>();

  /** Replaces the labels; chips update only when some label changed. */
  set(labels: ReadonlyMap<string, string>): void {
    if (sameLabels(this.labels, labels)) return;
    this.labels = labels;
    for (const f of this.listeners) f();
  }

  /** True when `target` is an article or annex of the convention. */
  has(target: string): boolean {
    return this.labels.has(target);
  }

  /** What a reference with this target and stored text shows now. */
  text(target: string, stored: string): string {
    return runText({ text: stored, ref: { target } }, this.labels);
  }

  /** Calls `f` whenever labels change; returns the unsubscription. */
  subscribe(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** Blocks whose references' stored text is brought up to date (« the last printed form »). */
  refresh(blocks: Block[]): Block[] {
    if (this.labels.size === 0) return blocks;
    let changed = false;
    const out = mapRuns(blocks, (r: Run) => {
      if (!r.ref) return r;
      const text = runText(r, this.labels);
      if (text === r.text) return r;
      changed = true;
      return { ...r, text };
    });
    return changed ? out : blocks;
  }
}

function sameLabels(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** « Article 2 » at the start of a sentence, « article 2 » inside one. */
export function referenceTextAt(label: string, textBefore: string): string {
  return /^\s*$|[.!?…]\s*$/.test(textBefore) ? label.charAt(0).toLocaleUpperCase('fr') + label.slice(1) : label;
}
