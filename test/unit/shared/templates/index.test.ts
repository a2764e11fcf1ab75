import { describe, expect, it } from 'vitest';
import { UserError } from '../../../../shared/errors';
import type { Convention } from '../../../../shared/model/convention';
import { parseConvention } from '../../../../shared/model/migrate';
import { validateConvention } from '../../../../shared/rules/validate';
import { getTemplate, instantiateTemplate, listTemplates } from '../../../../shared/templates/index';
import { allIds } from '../fixture';
import { forEachRun } from '../../../../shared/templates/instantiate';

const counter = () => {
  let n = 0;
  return () => `nouvel-id-${++n}`;
};

describe('listTemplates', () => {
  it('lists both templates with French titles and descriptions', () => {
    const list = listTemplates();
    expect(list.map((t) => t.id)).toEqual(['delegation-de-gestion', 'exemple-camino-2020']);
    for (const t of list) {
      expect(Object.keys(t).sort()).toEqual(['description', 'id', 'title']);
      expect(t.title).toMatch(/[Cc]onvention|[Dd]élégation/);
      expect(t.description.length).toBeGreaterThan(40);
    }
  });

  it('finds a template by id and nothing for an unknown id', () => {
    expect(getTemplate('exemple-camino-2020')?.build().date).toBe('2020-03-26');
    expect(getTemplate('inconnu')).toBeUndefined();
  });
});

describe.each(listTemplates().map((t) => t.id))('template %s', (id) => {
  const built = getTemplate(id)!.build();

  it('passes the schema as JSON (the interchange format)', () => {
    const r = parseConvention(JSON.parse(JSON.stringify(built)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.convention).toEqual(built);
  });

  it('is deterministic: two builds are equal, ids derive from the template id', () => {
    expect(getTemplate(id)!.build()).toEqual(built);
    const ids = allIds(built);
    expect(new Set(ids).size).toBe(ids.length);
    for (const x of ids) expect(x.startsWith(id)).toBe(true);
  });

  it('gives fresh copies: new unique ids, signatories still tied to their party, the template untouched', () => {
    const fresh = instantiateTemplate(id, { newId: counter() });
    const ids = allIds(fresh);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((x) => x.startsWith('nouvel-id-'))).toBe(true);
    const partyIds = new Set(fresh.parties.map((p) => p.id));
    for (const s of fresh.signatories) expect(partyIds.has(s.partyId)).toBe(true);
    // Same parties, same order, same signatory ↔ party ties as the template.
    expect(fresh.signatories.map((s) => fresh.parties.findIndex((p) => p.id === s.partyId))).toEqual(
      built.signatories.map((s) => built.parties.findIndex((p) => p.id === s.partyId)),
    );
    expect(getTemplate(id)!.build()).toEqual(built);
    const strip = (c: Convention) => JSON.stringify(c, (k, v) => (k === 'id' || k === 'partyId' || k === 'target' ? undefined : v));
    expect(strip(fresh)).toBe(strip(built));
    // References (« l'article 2 ») still point to the same article, by its new id.
    const targets = (c: Convention) => {
      const out: number[] = [];
      forEachRun(c.articles.flatMap((a) => a.body), (r) => {
        if (r.ref) out.push(c.articles.findIndex((a) => a.id === r.ref!.target));
      });
      return out;
    };
    expect(targets(fresh)).toEqual(targets(built));
    expect(parseConvention(JSON.parse(JSON.stringify(fresh))).ok).toBe(true);
  });

  it('takes a date', () => {
    const fresh = instantiateTemplate(id, { newId: counter(), date: '2027-06-01' });
    expect(fresh.date).toBe('2027-06-01');
  });

  it('does not share objects between two copies', () => {
    const a = instantiateTemplate(id, { newId: counter() });
    const b = instantiateTemplate(id, { newId: counter() });
    a.parties[0]!.entities.push({ name: 'X' });
    a.articles[0]!.title = 'changé';
    expect(b.parties[0]!.entities).toEqual(built.parties[0]!.entities);
    expect(b.articles[0]!.title).toBe(built.articles[0]!.title);
  });
});

describe('instantiateTemplate', () => {
  it('refuses an unknown template with a French message listing the known ones', () => {
    expect(() => instantiateTemplate('nope', { newId: counter() })).toThrow(UserError);
    expect(() => instantiateTemplate('nope', { newId: counter() })).toThrow(/Modèle inconnu « nope ».*delegation-de-gestion, exemple-camino-2020/);
  });
});

describe('delegation-de-gestion', () => {
  const c = getTemplate('delegation-de-gestion')!.build();

  it('has the seed’s structure: two parties, standard visas, articles 1–8, budget in 2, references in 5, a signatory per party', () => {
    expect(c.kind).toBe('convention');
    expect(c.parties.map((p) => p.role)).toEqual(['delegant', 'delegataire']);
    expect(c.visas.map((v) => v.text)).toEqual([
      expect.stringMatching(/^Vu le décret n°2004-1085 du 14 octobre 2004 .*délégation de gestion/),
      expect.stringMatching(/^Vu le décret n°2012-1246 du 7 novembre 2012 .*gestion budgétaire et comptable publique/),
    ]);
    expect(c.articles.map((a) => a.title)).toEqual([
      'Objet de la délégation',
      'Obligations du délégant',
      'Obligations du délégataire',
      'Déroulement des travaux',
      'Exécution financière de la délégation',
      'Modification du document',
      'Durée et résiliation de la convention',
      'Publication de la délégation',
    ]);
    expect(c.articles[1]!.body.at(-1)).toEqual({ kind: 'budget-table' });
    expect(c.articles[4]!.body.some((b) => b.kind === 'accounting-references')).toBe(true);
    expect(c.budget.rows).toEqual([]);
    expect(c.accounting).toEqual([]);
    expect(c.signatories.map((s) => [c.parties.findIndex((p) => p.id === s.partyId), s.name])).toEqual([[0, ''], [1, '']]);
  });

  it('keeps nothing of the seed’s specifics', () => {
    const text = JSON.stringify(c);
    for (const specific of ['Camino', 'CAMINO', 'DINUM', 'beta.gouv', 'Piette', 'HUET', '0113', 'ONF', '2020']) {
      expect(text).not.toContain(specific);
    }
  });

  it('lists exactly the blanks to fill in as findings, nothing else', () => {
    const findings = validateConvention(c);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.path)).toEqual([
      'parties[0].entities[0].name',
      'parties[0].representatives[0].name',
      'parties[1].entities[0].name',
      'parties[1].representatives[0].name',
      'signatories[0].name',
      'signatories[1].name',
    ]);
    expect(findings.filter((f) => f.severity === 'warning').map((f) => f.path)).toEqual([
      'parties[0].representatives[0].title',
      'parties[1].representatives[0].title',
      'articles[3].body',
      'budget',
      'signatories[0].title',
      'signatories[1].title',
    ]);
  });

  it('has no error once its blanks are filled', () => {
    const fresh = instantiateTemplate('delegation-de-gestion', { newId: counter() });
    fresh.parties.forEach((p, i) => {
      p.entities[0]!.name = `Direction ${i}`;
      p.representatives[0] = { name: `Personne ${i}`, title: 'Directeur' };
    });
    fresh.signatories.forEach((s, i) => Object.assign(s, { name: `Signataire ${i}`, title: 'Directeur' }));
    fresh.budget.rows.push({ id: 'r', uo: '0113-PEBC-ELAB', ae: [{ id: 'a', amountCents: 100, label: 'au titre de' }], cp: [] });
    fresh.accounting.push({ id: 'c', uo: '0113-PEBC-ELAB', extra: [] });
    expect(validateConvention(fresh).map((f) => `${f.severity} ${f.path}`)).toEqual(['warning articles[3].body']);
  });
});
