import type { Convention } from '../../../shared/model/convention';

/** Applies a change to the draft. `key` groups keystrokes in one field into one undo step. */
export type Edit = (recipe: (c: Convention) => Convention, key?: string) => void;

/** What every editing step receives. */
export interface StepProps {
  readonly convention: Convention;
  readonly edit: Edit;
}
