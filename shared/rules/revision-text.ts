/**
 * Which revision a signature covers, in the words the CLI, the JSON report and the wizard
 * share. Revisions are numbered as readers number them: revision 1 is the document as it was
 * first saved, and each signature (or other incremental update) adds one.
 */
export function coveredRevisionText(revision: number, revisions: number, wholeDocument: boolean, lang: 'fr' | 'en' = 'fr'): string {
  if (lang === 'en') return `revision ${revision} of ${revisions}${wholeDocument ? ' (the whole document)' : ''}`;
  return `révision ${revision} sur ${revisions}${wholeDocument ? ' (tout le document)' : ''}`;
}
