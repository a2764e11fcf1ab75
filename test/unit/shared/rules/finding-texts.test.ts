import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConvention, type Finding } from '../../../../shared/model/migrate';
import { validateConvention } from '../../../../shared/rules/validate';
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
