import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../shared/errors';
import { SCHEMA_VERSION } from '../../../../shared/model/convention';
import { formatPath, migrate, migrations, parseConvention } from '../../../../shared/model/migrate';
import { camino } from '../fixture';

const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('migrate', () => {
  it('publishes version 2, and brings a version-1 document to it unchanged but for the version', () => {
    expect(SCHEMA_VERSION).toBe(2);
    expect(Object.keys(migrations)).toEqual(['1']);
    const v1 = { schemaVersion: 1, id: 'c', articles: [{ id: 'a', title: 'Objet', body: [] }] };
    expect(migrate(v1)).toEqual({ ...v1, schemaVersion: 2 });
  });

  it.each([null, 'texte', 42, [1, 2], undefined])('refuses %j: not an object', (raw) => {
    const e = userError(() => migrate(raw));
    expect(e.code).toBe('not-a-convention');
    expect(e.message).toMatch(/pas une convention Paraphe/);
  });

  it.each([{}, { schemaVersion: '1' }, { schemaVersion: 0 }, { schemaVersion: 1.5 }, { schemaVersion: -3 }])('refuses %j: no usable schemaVersion', (raw) => {
    const e = userError(() => migrate(raw));
    expect(e.code).toBe('not-a-convention');
    expect(e.message).toContain('schemaVersion');
  });

  it('refuses a newer format and says to update Paraphe', () => {
    const e = userError(() => migrate({ schemaVersion: SCHEMA_VERSION + 1 }));
    expect(e.code).toBe('newer-format');
    expect(e.message).toMatch(/Mettez Paraphe à jour/);
  });

  it('runs each step in order up to the target and stamps the version', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, trail: [...((d.trail as string[]) ?? []), '1→2'] }),
      2: (d: Record<string, unknown>) => ({ ...d, trail: [...(d.trail as string[]), '2→3'] }),
    };
    expect(migrate({ schemaVersion: 1 }, steps, 3)).toEqual({ schemaVersion: 3, trail: ['1→2', '2→3'] });
    expect(migrate({ schemaVersion: 2, trail: [] }, steps, 3)).toEqual({ schemaVersion: 3, trail: ['2→3'] });
  });

  it('says when a step is missing', () => {
    const e = userError(() => migrate({ schemaVersion: 1 }, {}, 2));
    expect(e.code).toBe('no-migration');
  });

  it('leaves a current document as it is', () => {
    const doc = json(camino());
    expect(migrate(doc)).toBe(doc);
  });
});

describe('parseConvention', () => {
  it('accepts the worked example as JSON and gives it back equal', () => {
    const r = parseConvention(json(camino()));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.convention).toEqual(camino());
  });

  it('fills the defaults of optional fields', () => {
    const doc = json(camino());
    delete doc.agreementFormula;
    const budget = doc.budget as Record<string, unknown>;
    delete budget.currency;
    const party = (doc.parties as Array<Record<string, unknown>>)[0]!;
    delete party.designationGender;
    const ref = (doc.accounting as Array<Record<string, unknown>>)[0]!;
    delete ref.extra;
    const r = parseConvention(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.convention.agreementFormula).toBe('Il a été convenu ce qui suit :');
    expect(r.convention.budget.currency).toBe('EUR');
    expect(r.convention.parties[0]!.designationGender).toBe('f');
    expect(r.convention.accounting[0]!.extra).toEqual([]);
  });

  it('turns a migration refusal into a message without findings', () => {
    const r = parseConvention({ name: 'paraphe' });
    expect(r).toEqual({ ok: false, message: expect.stringContaining('schemaVersion'), findings: [] });
  });

  it('lists every shape problem with its path and a French message', () => {
    const doc = json(camino());
    delete doc.title;
    doc.originals = 0;
    doc.date = '26/03/2020';
    doc.kind = 'accord';
    const rows = (doc.budget as { rows: Array<{ ae: Array<Record<string, unknown>> }> }).rows;
    rows[0]!.ae[1]!.amountCents = 80000.5;
    (doc.articles as Array<{ body: Array<Record<string, unknown>> }>)[1]!.body[0] = { kind: 'image' };
    const r = parseConvention(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe('Cette convention ne respecte pas le format attendu (6 problèmes).');
    const byPath = Object.fromEntries(r.findings.map((f) => [f.path, f.message]));
    expect(Object.keys(byPath).sort()).toEqual(
      ['articles[1].body[0].kind', 'budget.rows[0].ae[1].amountCents', 'date', 'kind', 'originals', 'title'].sort(),
    );
    expect(byPath.title).toBe('Champ obligatoire manquant : corrigez ou complétez ce champ.');
    expect(byPath.date).toContain('AAAA-MM-JJ');
    for (const f of r.findings) {
      expect(f.severity).toBe('error');
      // French, not zod's English defaults.
      expect(f.message).not.toMatch(/Invalid|expected|received|Too small/);
      expect(f.message).toMatch(/corrigez ou complétez ce champ\.$/);
    }
  });

  it('says « 1 problème » in the singular', () => {
    const doc = json(camino());
    doc.place = 12;
    const r = parseConvention(doc);
    expect(r.ok === false && r.message).toBe('Cette convention ne respecte pas le format attendu (1 problème).');
  });
});

describe('formatPath', () => {
  it('writes paths the way the findings show them', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['title'])).toBe('title');
    expect(formatPath(['budget', 'rows', 0, 'ae', 1, 'amountCents'])).toBe('budget.rows[0].ae[1].amountCents');
    expect(formatPath([0, 'a'])).toBe('[0].a');
  });
});
