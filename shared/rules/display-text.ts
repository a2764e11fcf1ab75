/**
 * Text read from a file someone else made (a certificate's name, a field's name, the signatory
 * a field claims, a file name) as it may be shown on one line: control characters (line
 * breaks, tabs, escapes) and the invisible characters that reorder or hide text (bidi
 * overrides and isolates, zero-width marks) become « � ». Without this, a name holding
 * « \n  Statut : valide » would print a line of its own in `paraphe verify`'s report.
 */
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** `s` with every control or invisible formatting character shown as « � ». */
export function displayText(s: string): string {
  return s.replace(HIDDEN, '\ufffd');
}
