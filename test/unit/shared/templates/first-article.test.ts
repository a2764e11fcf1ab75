import { describe, expect, it } from 'vitest';
import { createAvenant, getTemplate, instantiateTemplate } from '../../../../shared/templates/index';
import { articleHeading, referenceLabels, runText } from '../../../../shared/rules/numbering';
import { presentationOf } from '../../../../shared/model/convention';
import { validateConvention } from '../../../../shared/rules/validate';
import { forEachRun } from '../../../../shared/templates/instantiate';

const counter = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('« Article 1er » in the templates', () => {
  it('new conventions and avenants get « 1er »; the worked example keeps « Article 1 »', () => {
    const blank = instantiateTemplate('delegation-de-gestion', { newId: counter() });
    expect(presentationOf(blank).firstArticle).toBe('1er');
    expect(articleHeading(blank.articles[0]!, 0, presentationOf(blank).firstArticle)).toBe('Article 1er : Objet de la délégation');
    const camino = getTemplate('exemple-camino-2020')!.build();
    expect(camino.presentation).toBeUndefined();
    expect(presentationOf(camino).firstArticle).toBe('1');
    const avenant = createAvenant(camino, { number: 1, newId: counter() });
    expect(presentationOf(avenant).firstArticle).toBe('1er');
  });

  it('the blank template refers to its budget article by reference, renumbered when it moves', () => {
    const c = instantiateTemplate('delegation-de-gestion', { newId: counter() });
    const refs: string[] = [];
    forEachRun(c.articles.flatMap((a) => a.body), (r) => {
      if (r.ref) refs.push(r.ref.target);
    });
    expect(refs).toHaveLength(3);
    expect(new Set(refs)).toEqual(new Set([c.articles[1]!.id]));
    // The budget article moves first: its references now say « article 1er ».
    const moved = { ...c, articles: [c.articles[1]!, c.articles[0]!, ...c.articles.slice(2)] };
    const labels = referenceLabels(moved);
    expect(runText({ text: 'article 2', ref: { target: refs[0]! } }, labels)).toBe('article 1er');
    expect(validateConvention(moved).filter((f) => f.code === 'reference.target.missing')).toEqual([]);
  });

  it('an avenant names the base’s budget article as the base numbers it', () => {
    const base = instantiateTemplate('delegation-de-gestion', { newId: counter() });
    const budgetFirst = { ...base, articles: [base.articles[1]!, base.articles[0]!, ...base.articles.slice(2)] };
    const text = (c: typeof base) => JSON.stringify(createAvenant(c, { number: 1, newId: counter() }).articles[1]!.body[0]);
    expect(text(base)).toContain("Le tableau de l'article 2 de la convention");
    expect(text(budgetFirst)).toContain("Le tableau de l'article 1er de la convention");
    expect(text({ ...budgetFirst, presentation: { firstArticle: '1' } })).toContain("Le tableau de l'article 1 de la convention");
  });
});
