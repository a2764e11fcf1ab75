/*
 * Is the certificate about to sign the one of the signatory the field was placed for? A
 * certificate's name rarely reads exactly as the convention prints it: « Brice HUET » may be
 * « HUET Brice », « Brice Huet » or « Brice HUET 0123456789 » (an agent number), accents may be
 * dropped, a compound name split. The names match when the words of one are all among the
 * words of the other, whatever their order, case, accents and hyphens.
 */

/** Words that are not part of a person's name in a signature block or a certificate. */
const NOT_NAME = new Set(['m', 'mme', 'mlle', 'monsieur', 'madame', 'mademoiselle', 'dr', 'pr']);

/** The words of a person's name, compared without case, accents, hyphens or civility; digits dropped. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w !== '' && !NOT_NAME.has(w));
}

/**
 * True when `holder` (a certificate's common name) may be `expected` (the signatory's name as
 * printed); true as well when either has no name words (nothing to compare: a function only).
 */
export function sameSigner(expected: string, holder: string): boolean {
  const a = nameWords(expected);
  const b = nameWords(holder);
  if (a.length === 0 || b.length === 0) return true;
  const [small, large] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  return small.every((w) => large.has(w));
}
