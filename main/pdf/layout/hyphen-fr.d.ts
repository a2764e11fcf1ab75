/** The part of the `hyphen` package's French entry this project uses (the package ships no types; CommonJS, so a default import). */
declare module 'hyphen/fr/index.js' {
  const fr: {
    /** The text with `hyphenChar` (default U+00AD) inserted at every hyphenation point of its words. */
    hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
  };
  export default fr;
}
