import type { Convention } from '../../../shared/model/convention';

/** How many undo steps are kept: enough for a working session, bounded in memory. */
export const HISTORY_LIMIT = 200;
/** Typing in the same field within this delay is one undo step, as in a word processor. */
export const COALESCE_MS = 1000;

/** The draft with its undo and redo stacks. `revision` grows with every change. */
export interface DraftState {
  readonly past: readonly Convention[];
  readonly present: Convention;
  readonly future: readonly Convention[];
  readonly revision: number;
  /** Key and time of the last edit, to merge keystrokes into one undo step. */
  readonly lastKey?: string;
  readonly lastAt?: number;
}

/** What can happen to the draft. */
export type DraftAction =
  | {
      readonly type: 'edit';
      readonly recipe: (c: Convention) => Convention;
      /** Edits with the same key close together in time undo together (typing in a field). */
      readonly key?: string;
      readonly at?: number;
    }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'load'; readonly convention: Convention };

/** A fresh history around a loaded convention. */
export function initialDraft(convention: Convention): DraftState {
  return { past: [], present: convention, future: [], revision: 0 };
}

/** The draft reducer: edits push onto the undo stack (or merge), undo/redo move along it. */
export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case 'load':
      return { past: [], present: action.convention, future: [], revision: state.revision + 1 };
    case 'edit': {
      const next = action.recipe(state.present);
      if (next === state.present) return state;
      const at = action.at ?? Date.now();
      const merge =
        action.key !== undefined &&
        action.key === state.lastKey &&
        state.lastAt !== undefined &&
        at - state.lastAt < COALESCE_MS &&
        state.future.length === 0;
      const past = merge ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT);
      return { past, present: next, future: [], revision: state.revision + 1, lastKey: action.key, lastAt: at };
    }
    case 'undo': {
      const prev = state.past[state.past.length - 1];
      if (!prev) return state;
      return {
        past: state.past.slice(0, -1),
        present: prev,
        future: [state.present, ...state.future],
        revision: state.revision + 1,
      };
    }
    case 'redo': {
      const next = state.future[0];
      if (!next) return state;
      return {
        past: [...state.past, state.present],
        present: next,
        future: state.future.slice(1),
        revision: state.revision + 1,
      };
    }
  }
}
