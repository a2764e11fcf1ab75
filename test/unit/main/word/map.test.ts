import { describe, expect, it } from 'vitest';
import { ConventionSchema } from '../../../../shared/model/convention';
import { parseHtml } from '../../../../main/word/html';
import { frenchDate, mapHtmlToConvention, representatives } from '../../../../main/word/map';

/** mammoth-like HTML → the convention, with a fixed id and date. */
const map = (html: string) => mapHtmlToConvention(parseHtml(html), { id: 'c1', today: '2024-01-01' });

const HEAD = '<h1>Convention test</h1><p>Entre</p><p><strong>La DINUM</strong></p><p>Représentée par Nadi Bou Hanna, Directeur,</p><p>Ci-après dénommée « le délégataire »,</p><p>Vu le décret,</p><p>Il a été convenu ce qui suit :</p>';

describe('mapping Word HTML onto the convention', () => {
  it('reads « Article 1er – », « ARTICLE 2 », « Article 3 : » and a level-1 heading as articles', () => {
    const { convention: c } = map(`${HEAD}<p><strong>Article 1er – Objet</strong></p><p>a</p><h2>ARTICLE 2 DURÉE</h2><p>b</p><p>Article 3 : Prix</p><p>c</p><h1>Résiliation</h1><p>d</p>`);
    expect(c.articles.map((a) => a.title)).toEqual(['Objet', 'DURÉE', 'Prix', 'Résiliation']);
    expect(c.parties[0]).toMatchObject({ role: 'delegataire', entities: [{ name: 'DINUM' }], representatives: [{ name: 'Nadi Bou Hanna', title: 'Directeur' }] });
    expect(ConventionSchema.safeParse(c).success).toBe(true);
  });

  it('keeps what it does not recognise where it stood, and says where', () => {
    const { convention: c, findings } = map(`${HEAD}<p>Article 1 : Objet</p><p>texte</p><p>Fait à Paris, en deux originaux, le 3 mai 2021</p><p>Signé électroniquement</p>`);
    expect(c.articles[0]!.body.map((b) => (b.kind === 'paragraph' ? b.runs[0]!.text : b.kind))).toEqual(['texte', 'Signé électroniquement']);
    expect(findings.map((f) => f.message)).toContain("Paragraphe non reconnu, placé dans l'article 1 : vérifiez (« Signé électroniquement »).");
    expect([c.place, c.date, c.originals]).toEqual(['Paris', '2021-05-03', 2]);
  });

  it('checks a stated total against the lines, and reads French amounts', () => {
    const table = '<table><tr><td></td><td>AE</td><td>CP</td></tr><tr><td>0113-PEBC-ELAB</td><td><p><strong>1 234,50 EUR</strong> au titre de A</p><p><strong>10 000 €</strong> au titre de B</p><p>soit un total de : 11 000 EUR</p></td><td><p>5 000 EUR (à rétablir) au titre de C</p></td></tr></table>';
    const { convention: c, findings } = map(`${HEAD}<p>Article 1 : Budget</p>${table}`);
    expect(c.articles[0]!.body).toEqual([{ kind: 'budget-table' }]);
    expect(c.budget.rows[0]!.ae.map((l) => [l.amountCents, l.label])).toEqual([[123450, 'au titre de A'], [1000000, 'au titre de B']]);
    expect(c.budget.rows[0]!.cp[0]).toMatchObject({ amountCents: 500000, note: '(à rétablir)', label: 'au titre de C' });
    expect(findings.filter((f) => f.path === 'budget').map((f) => f.message)).toEqual([
      'Le total indiqué pour 0113-PEBC-ELAB (AE) (11\u202f000\u00a0EUR) ne correspond pas à la somme des lignes (11\u202f234,50\u00a0EUR). Paraphe imprime la somme calculée : vérifiez les montants.',
    ]);
  });

  it('reads Chorus references typed as a table or as paragraphs', () => {
    const t = '<table><tr><td>Références Chorus :</td><td>0113-PEBC-ELAB</td></tr><tr><td>Domaine fonctionnel :</td><td>0113-07</td></tr><tr><td>Axe ministériel 2</td><td>X</td></tr></table>';
    const { convention: c } = map(`${HEAD}<p>Article 1 : Chorus</p>${t}<p>Références Chorus : 0181-CPRI-ELAB</p><p>Centre de coût :\tDININCUB75</p><p>Suite du texte.</p>`);
    expect(c.accounting).toEqual([
      { id: 'ref1', uo: '0113-PEBC-ELAB', domaineFonctionnel: '0113-07', extra: [{ label: 'Axe ministériel 2', value: 'X' }] },
      { id: 'ref2', uo: '0181-CPRI-ELAB', centreCout: 'DININCUB75', extra: [] },
    ]);
    expect(c.articles[0]!.body.map((b) => b.kind)).toEqual(['accounting-references', 'paragraph']);
  });

  it('says what the model does not keep (underline, links, images)', () => {
    const { findings } = map(`${HEAD}<p>Article 1 : A</p><p><u>souligné</u> <a href="https://x.fr">lien</a><img src="" /></p>`);
    expect(findings.at(-1)!.message).toMatch(/le soulignement, les liens \(le texte est gardé\), les images/);
  });

  it('an empty document still gives a valid draft, with findings that say what to add', () => {
    const { convention: c, findings } = map('');
    expect(ConventionSchema.safeParse(c).success).toBe(true);
    expect(findings.map((f) => f.path)).toEqual(['title', 'parties', 'articles', 'place']);
  });
});

describe('pieces', () => {
  it('French dates', () => {
    expect(frenchDate('1er avril 2024')).toBe('2024-04-01');
    expect(frenchDate('26 mars 2020')).toBe('2020-03-26');
    expect(frenchDate('15/04/2026')).toBe('2026-04-15');
    expect(frenchDate('30 février 2021')).toBeNull();
  });
  it('representatives: names then titles that may hold commas', () => {
    expect(representatives("Emilie Piette, Secrétaire générale (SG), Stéphanie Dupuy-Lyon, Directrice générale de l'aménagement, du logement et de la nature (DGALN),")).toEqual([
      { name: 'Emilie Piette', title: 'Secrétaire générale (SG)' },
      { name: 'Stéphanie Dupuy-Lyon', title: "Directrice générale de l'aménagement, du logement et de la nature (DGALN)" },
    ]);
  });
  it('representatives known by function only: an article first, after a civility or not', () => {
    expect(representatives('le directeur général de la prévention des risques,')).toEqual([{ name: '', title: 'Le directeur général de la prévention des risques' }]);
    expect(representatives("Monsieur le préfet de la région Île-de-France, préfet de Paris")).toEqual([{ name: '', title: 'Monsieur le préfet de la région Île-de-France, préfet de Paris' }]);
    expect(representatives("l'administratrice générale des finances publiques")).toEqual([{ name: '', title: "L'administratrice générale des finances publiques" }]);
    // A name comes first as before, even after a civility.
    expect(representatives('M. Jean Le Goff, directeur')).toEqual([{ name: 'Jean Le Goff', title: 'directeur' }]);
  });
});
