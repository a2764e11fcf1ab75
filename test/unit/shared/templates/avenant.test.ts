import { describe, expect, it } from 'vitest';
import { parseConvention } from '../../../../shared/model/migrate';
import { rowTotals } from '../../../../shared/rules/budget';
import { validateConvention } from '../../../../shared/rules/validate';
import { baseReference, createAvenant } from '../../../../shared/templates/avenant';
import { instantiateTemplate } from '../../../../shared/templates/index';
import { allIds, camino, caminoWith } from '../fixture';

const counter = (prefix = 'av') => {
  let n = 0;
  return () => `${prefix}-${++n}`;
};

describe('baseReference', () => {
  it('names the base without saying its date twice', () => {
    expect(baseReference(camino())).toBe('la convention de délégation de gestion en date du 26 mars 2020');
    expect(baseReference({ title: 'Convention de délégation de gestion', date: '2021-01-01', kind: 'convention' })).toBe(
      'la convention de délégation de gestion du 1er janvier 2021',
    );
  });

  it('elides before a vowel and copes with a blank title or a bad date', () => {
    expect(baseReference({ title: 'Avenant n°1 à la convention X', date: '2021-05-02', kind: 'avenant' })).toBe("l'avenant n°1 à la convention X du 2 mai 2021");
    expect(baseReference({ title: '', date: '2021-05-02', kind: 'convention' })).toBe('la convention du 2 mai 2021');
    expect(baseReference({ title: 'Convention', date: '2021-02-30', kind: 'convention' })).toBe('la convention');
  });
});

describe('createAvenant', () => {
  const base = camino();
  const av = createAvenant(base, { number: 1, newId: counter() });

  it('is an avenant pointing to its base', () => {
    expect(av.kind).toBe('avenant');
    expect(av.avenant).toEqual({ number: 1, base: { conventionId: 'exemple-camino-2020', title: base.title, date: '2020-03-26' } });
    expect(av.title).toBe('Avenant n°1 à la convention de délégation de gestion en date du 26 mars 2020');
    expect(av.shortTitle).toBe(`Avenant n°1 — ${base.shortTitle}`);
  });

  it('keeps the base’s visas and adds one citing the base', () => {
    expect(av.visas.slice(0, 5).map((v) => v.text)).toEqual(base.visas.map((v) => v.text));
    expect(av.visas.at(-1)!.text).toBe('Vu la convention de délégation de gestion en date du 26 mars 2020,');
  });

  it('pre-fills parties, signatories, budget and references from the base, with fresh ids', () => {
    const strip = (v: unknown) => JSON.stringify(v, (k, x) => (k === 'id' || k === 'partyId' ? undefined : x));
    expect(strip(av.parties)).toBe(strip(base.parties));
    expect(strip(av.signatories)).toBe(strip(base.signatories));
    expect(strip(av.budget)).toBe(strip(base.budget));
    expect(strip(av.accounting)).toBe(strip(base.accounting));
    expect(rowTotals(av.budget.rows[0]!)).toEqual({ ae: 220_000_00, cp: 220_000_00 });
    const ids = allIds(av);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => allIds(base).includes(id))).toEqual([]);
    const partyIds = av.parties.map((p) => p.id);
    expect(av.signatories.map((s) => partyIds.indexOf(s.partyId))).toEqual([0, 1, 0]);
    expect(av.place).toBe('Paris');
    expect(av.originals).toBe(4);
  });

  it('starts with the avenant’s own articles, budget and references in place', () => {
    expect(av.articles.map((a) => a.title)).toEqual([
      "Objet de l'avenant",
      'Dispositions financières',
      'Autres dispositions',
      "Prise d'effet et publication",
    ]);
    const finance = av.articles[1]!.body;
    expect(finance.map((b) => b.kind)).toEqual(['paragraph', 'budget-table', 'paragraph', 'accounting-references']);
    expect(finance[0]).toEqual({ kind: 'paragraph', runs: [{ text: "Le tableau de l'article 2 de la convention est remplacé par le tableau suivant :" }] });
    expect(av.preamble).toEqual([]);
    expect(av.annexes).toEqual([]);
  });

  it('passes the schema and the validator with no finding', () => {
    const r = parseConvention(JSON.parse(JSON.stringify(av)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(validateConvention(r.convention)).toEqual([]);
  });

  it('does not change the base', () => {
    createAvenant(base, { number: 2, newId: counter() }).parties[0]!.entities.push({ name: 'X' });
    expect(base).toEqual(camino());
  });

  it('takes its own date, its number, and names a base whose table is elsewhere', () => {
    const other = caminoWith((c) => {
      c.articles[1]!.body.pop();
      c.articles[4]!.body.push({ kind: 'budget-table' });
    });
    const av2 = createAvenant(other, { number: 3, newId: counter('b'), date: '2021-06-15' });
    expect(av2.date).toBe('2021-06-15');
    expect(av2.avenant!.number).toBe(3);
    expect(av2.title.startsWith('Avenant n°3 à ')).toBe(true);
    expect(av2.articles[1]!.body[0]).toEqual({ kind: 'paragraph', runs: [{ text: "Le tableau de l'article 5 de la convention est remplacé par le tableau suivant :" }] });
  });

  it('works from the blank template too (its parties still to fill in)', () => {
    const blank = instantiateTemplate('delegation-de-gestion', { newId: counter('t'), date: '2026-02-01' });
    const av3 = createAvenant(blank, { number: 1, newId: counter('c') });
    expect(av3.avenant!.base).toEqual({ conventionId: blank.id, title: 'Convention de délégation de gestion', date: '2026-02-01' });
    expect(av3.visas.at(-1)!.text).toBe('Vu la convention de délégation de gestion du 1er février 2026,');
    expect(parseConvention(JSON.parse(JSON.stringify(av3))).ok).toBe(true);
  });
});
