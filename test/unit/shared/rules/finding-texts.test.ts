import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConvention, type Finding } from '../../../../shared/model/migrate';
import { en, findingText, fr, type FindingCode } from '../../../../shared/rules/finding-texts';
import { signingDateFinding, validateConvention } from '../../../../shared/rules/validate';
import { FORMAT_CASES, VALIDATOR_CASES } from './finding-corpus';

/** The French findings of the corpus, captured from the validator before its texts moved. */
const captured = JSON.parse(readFileSync(join(import.meta.dirname, 'finding-messages.fr.json'), 'utf8')) as {
  validator: Record<string, string[]>;
  format: Record<string, string[]>;
};

const line = (f: Finding) => `${f.severity} ${f.path} : ${f.message}`;

const validatorFindings = VALIDATOR_CASES.map(([name, make]) => [name, validateConvention(make())] as const);
const formatFindings = FORMAT_CASES.map(([name, make]) => {
  const parsed = parseConvention(make());
  return [name, parsed.ok ? [] : parsed.findings] as const;
});

describe('the validator keeps its French sentences', () => {
  it('the corpus holds every captured case, and only those', () => {
    expect(VALIDATOR_CASES.map(([name]) => name)).toEqual(Object.keys(captured.validator));
    expect(FORMAT_CASES.map(([name]) => name)).toEqual(Object.keys(captured.format));
  });

  it.each(validatorFindings)('%s', (name, findings) => {
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map(line)).toEqual(captured.validator[name]);
  });

  it.each(formatFindings)('format: %s', (name, findings) => {
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.map(line)).toEqual(captured.format[name]);
  });
});

// The signing step's own check (a signature later than « Fait le ») joins the corpus.
const all = [...validatorFindings, ...formatFindings].flatMap(([, findings]) => findings).concat(signingDateFinding('2020-03-26', '2020-04-02')!);

/** French words that no English sentence should hold (whole words, any case). */
const FRENCH_WORDS = [
  'le', 'la', 'les', 'des', 'du', 'une', 'est', 'et', 'ou', 'pour', 'dans', 'aucun', 'aucune', 'cette', 'ce',
  'ajoutez', 'indiquez', 'donnez', 'vérifiez', 'supprimez', 'complétez', 'corrigez', 'saisissez', 'précisez',
  'partie', 'signataire', 'ligne', 'montant', 'tableau', 'convention', 'annexe', 'entité', 'champ', 'obligatoire',
  'manquant', 'invalide', 'attendu', 'reçu', 'nombre', 'chaîne',
];
// JSON values quoted by zod ("convention"|"avenant") are the format's own words, not French prose.
const frenchWordsIn = (text: string) =>
  FRENCH_WORDS.filter((w) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'iu').test(text.replace(/"[^"]*"/g, '')));

describe('finding codes and their texts', () => {
  it('every finding of the corpus has a code with a French and an English text', () => {
    for (const f of all) {
      expect(f.code, `${f.path} : ${f.message}`).toBeDefined();
      expect(Object.hasOwn(fr, f.code!)).toBe(true);
      expect(Object.hasOwn(en, f.code!)).toBe(true);
    }
  });

  it('the corpus makes the checks say every sentence they have', () => {
    const used = new Set(all.map((f) => f.code));
    expect(Object.keys(fr).filter((code) => !used.has(code as FindingCode))).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('the message is the French text of the code and params', () => {
    for (const f of all) {
      const text = fr[f.code!] as (p?: unknown) => string;
      expect(text(f.params)).toBe(f.message);
    }
  });

  it('English texts hold no French sentence', () => {
    for (const f of all) {
      const { text, lang } = findingText(f, 'en');
      expect(lang).toBe('en');
      expect(text).not.toBe(f.message);
      expect(frenchWordsIn(text), text).toEqual([]);
      expect(text, text).not.toMatch(/[«»éèêàçùû]/);
      expect(text.length).toBeGreaterThan(15);
    }
  });

  it('the forbidden-word check would see a French sentence', () => {
    expect(frenchWordsIn(validatorFindings[0]![1][0]!.message)).not.toEqual([]);
    expect(frenchWordsIn('Give the agreement a title.')).toEqual([]);
  });

  it('English keeps the numbers, UO codes and French-formatted amounts the French message quotes', () => {
    const [, budget] = validatorFindings.find(([name]) => name === 'camino: budget damaged')!;
    const cpAboveAe = budget.find((f) => f.code === 'budget.cp-above-ae')!;
    expect(cpAboveAe.params).toEqual({ cp: '123\u202f456\u202f789,01\u00a0EUR', ae: '100\u202f000\u00a0EUR', uo: '0181-CPRI-ELAB' });
    expect(findingText(cpAboveAe, 'en').text).toBe('CP (123\u202f456\u202f789,01\u00a0EUR) exceed AE (100\u202f000\u00a0EUR) for UO 0181-CPRI-ELAB: check the payment schedule.');
    const amount = budget.find((f) => f.code === 'budget.amount.not-positive')!;
    expect(amount.params).toEqual({ column: 'AE', line: 2 });
    expect(findingText(amount, 'en').text).toBe('The amount must be positive (AE, line 2): enter an amount above zero.');
  });

  it('the format check gives zod’s English beside its French', () => {
    const [, findings] = formatFindings[0]!;
    const amount = findings.find((f) => f.path === 'budget.rows[0].ae[0].amountCents')!;
    expect(amount.code).toBe('format.invalid');
    expect(findingText(amount, 'en').text).toBe('Invalid input: expected number, received string: correct or complete this field.');
    expect(findingText(findings.find((f) => f.path === 'title')!, 'en').text).toBe('Required field missing: correct or complete this field.');
  });

  it('French shows the message; a finding without a known code, or without its params, stays French', () => {
    const [f] = validatorFindings.find(([name]) => name === 'camino: general fields blank')![1];
    expect(findingText(f!, 'fr')).toEqual({ text: 'Donnez un titre à la convention.', lang: 'fr' });
    expect(findingText(f!, 'en')).toEqual({ text: 'Give the agreement a title.', lang: 'en' });
    const plain = { severity: 'error', path: '', message: 'Message venu d’ailleurs.' } as const;
    expect(findingText(plain, 'en')).toEqual({ text: plain.message, lang: 'fr' });
    expect(findingText({ ...plain, code: 'toString' as FindingCode }, 'en').lang).toBe('fr');
    expect(findingText({ ...plain, code: 'article.title.missing' }, 'en')).toEqual({ text: plain.message, lang: 'fr' });
  });
});
