import { createContext } from 'react';

/**
 * True while the convention is finalized (being signed, signed): its content is the signed
 * text, shown read-only. Form fields are disabled by the step's `<fieldset disabled>`; a body
 * editor (contenteditable, which no fieldset disables) reads this to stop being editable.
 */
export const LockedContext = createContext(false);
