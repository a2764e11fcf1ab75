import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block, ListItem } from '../../../../shared/model/blocks';
import { budgetTotals, rowTotals } from '../../../../shared/rules/budget';
import { formatAmount, formatDate } from '../../../../shared/rules/format';
import { articleHeading, designationSentence, signatoryMention } from '../../../../shared/rules/numbering';
import { validateConvention } from '../../../../shared/rules/validate';
import { amountInWords } from '../../../../shared/rules/words';
import { camino } from '../fixture';

const text = (b: Block | ListItem): string => ('runs' in b ? b.runs.map((r) => r.text).join('') : '');

describe('exemple-camino-2020, the seed convention in full', () => {
  const c = camino();

  it('is what test/fixtures/json/exemple-camino-2020.json holds (after a change: paraphe template show exemple-camino-2020 > that file)', () => {
    const text = readFileSync(new URL('../../../fixtures/json/exemple-camino-2020.json', import.meta.url), 'utf8');
    expect(text).toBe(`${JSON.stringify(c, null, 2)}\n`);
  });

  it('is valid with no finding at all', () => {
    expect(validateConvention(c)).toEqual([]);
  });

  it('has the seed’s title, place, date and four originals', () => {
    expect(c.title).toBe('Convention de délégation de gestion en date du 26 mars 2020');
    expect(`Fait à ${c.place}, le ${formatDate(c.date)}`).toBe('Fait à Paris, le 26 mars 2020');
    expect(c.originals).toBe(4);
    expect(c.kind).toBe('convention');
    expect(c.avenant).toBeUndefined();
  });

  it('has the délégant with its three entities and three representatives', () => {
    const [delegant] = c.parties;
    expect(delegant!.role).toBe('delegant');
    expect(delegant!.entities.map((e) => e.name)).toEqual([
      expect.stringMatching(/^Secrétariat général des ministères de la Transition écologique et solidaire \(MTES\) et de la Cohésion des territoires .*\(MCTRCT\)$/),
      "Direction générale de l'aménagement, du logement et de la nature",
      'Direction générale de la prévention des risques',
    ]);
    expect(delegant!.representatives.map((r) => `${r.name}, ${r.title}`)).toEqual([
      'Emilie Piette, Secrétaire générale (SG)',
      "Stéphanie Dupuy-Lyon, Directrice générale de l'aménagement, du logement et de la nature (DGALN)",
      'Cédric Bourillet, Directeur général de la prévention des risques (DGPR)',
    ]);
    expect(designationSentence(delegant!)).toBe('Ci-après dénommée « le délégant »');
  });

  it('has the DINUM as délégataire with its address and director', () => {
    const dinum = c.parties[1]!;
    expect(dinum.role).toBe('delegataire');
    expect(dinum.entities).toEqual([
      { name: 'Direction Interministérielle du Numérique', acronym: 'DINUM', address: '20 avenue de Ségur – TSA 30 719 75 334 PARIS Cedex 07' },
    ]);
    expect(dinum.representatives).toEqual([{ name: 'Nadi Bou Hanna', title: 'Directeur interministériel du numérique' }]);
    expect(designationSentence(dinum)).toBe('Ci-après dénommée « le délégataire » ou « la DINUM »');
  });

  it('has the five visas, in order', () => {
    expect(c.visas).toHaveLength(5);
    expect(c.visas.map((v) => v.text.slice(0, 28))).toEqual([
      'Vu le décret 2004-1085 du 14',
      'Vu la convention pour déléga',
      "Vu l'avenant n°1 à la conven",
      'Vu la convention de rétablis',
      'Vu le compte rendu du comité',
    ]);
    for (const v of c.visas) expect(v.text.endsWith(',')).toBe(true);
  });

  it('has the whole preamble', () => {
    expect(c.preamble).toHaveLength(9);
    expect(text(c.preamble[0]!)).toMatch(/^beta\.gouv\.fr est un programme de la DINUM/);
    expect(text(c.preamble[7]!)).toContain('140 k€ pour la DGALN (P113), 100 k€ pour la DGPR (P181), 80 k€ pour l\'ONF');
    // The page break of the seed inside « ONF-DINUM » is not part of the text.
    expect(text(c.preamble[8]!)).toContain('« convention Camino ONF-DINUM »');
  });

  it('has articles 1 to 8 with the seed’s titles', () => {
    expect(c.articles.map((a, i) => articleHeading(a, i))).toEqual([
      'Article 1 : Objet de la délégation',
      'Article 2 : Obligations du délégant',
      'Article 3 : Obligations du délégataire',
      'Article 4 : Déroulement des travaux',
      'Article 5 : Exécution financière de la délégation',
      'Article 6 : Modification du document',
      'Article 7 : Durée et résiliation de la convention',
      'Article 8 : Publication de la délégation',
    ]);
    expect(c.articles.map((a) => a.body.length)).toEqual([6, 6, 7, 6, 8, 1, 6, 1]);
  });

  it('article 2 holds the nested list of the intrapreneur and the budget table', () => {
    const body = c.articles[1]!.body;
    expect(body.map((b) => b.kind)).toEqual(['paragraph', 'list', 'paragraph', 'paragraph', 'list', 'budget-table']);
    const list = body[1]!;
    if (list.kind !== 'list') throw new Error('list expected');
    expect(list.items).toHaveLength(3);
    expect(list.items[1]!.children).toHaveLength(5);
    expect(text(list.items[1]!.children![0]!)).toBe('est un agent qui connaît son administration et maîtrise son sujet ;');
  });

  it('article 3 nests the eight commitments of the DINUM; article 4 has « open source » in italics', () => {
    const list = c.articles[2]!.body[1]!;
    if (list.kind !== 'list') throw new Error('list expected');
    expect(list.items[0]!.children).toHaveLength(8);
    const first = c.articles[3]!.body[0]!;
    if (first.kind !== 'paragraph') throw new Error('paragraph expected');
    expect(first.runs.find((r) => r.italic)).toEqual({ text: 'open source', italic: true });
  });

  it('article 5 places the Chorus references after its third paragraph', () => {
    expect(c.articles[4]!.body.findIndex((b) => b.kind === 'accounting-references')).toBe(3);
  });

  it('has the AE/CP budget with its lines, notes and computed totals', () => {
    const [pebc, cpri] = c.budget.rows;
    expect(pebc!.uo).toBe('0113-PEBC-ELAB');
    expect(pebc!.ae.map((l) => `${formatAmount(l.amountCents)} ${l.label}`)).toEqual([
      '140\u202f000\u00a0EUR au titre du financement DGALN 2020',
      "80\u202f000\u00a0EUR au titre de l'avenant 2020 à la convention de rétablissement de crédit ONF-DINUM",
    ]);
    expect(pebc!.cp.map((l) => l.note)).toEqual([undefined, '(à rétablir)']);
    expect(pebc!.ae.map((l) => l.note)).toEqual([undefined, undefined]);
    expect(pebc!.cp.map((l) => l.label)).toEqual(pebc!.ae.map((l) => l.label));
    expect(cpri!.uo).toBe('0181-CPRI-ELAB');
    expect(cpri!.ae).toEqual([expect.objectContaining({ amountCents: 100_000_00, label: 'au titre du financement DGPR 2020' })]);
    expect(cpri!.cp).toEqual([expect.objectContaining({ amountCents: 100_000_00, label: 'au titre du financement DGPR 2020' })]);
    expect(rowTotals(pebc!)).toEqual({ ae: 220_000_00, cp: 220_000_00 });
    expect(rowTotals(cpri!)).toEqual({ ae: 100_000_00, cp: 100_000_00 });
    expect(amountInWords(rowTotals(pebc!).ae)).toBe('deux cent vingt mille euros');
    expect(budgetTotals(c.budget)).toEqual({ ae: 320_000_00, cp: 320_000_00 });
  });

  it('has both Chorus reference tables', () => {
    expect(c.accounting.map(({ id: _id, ...rest }) => rest)).toEqual([
      { uo: '0113-PEBC-ELAB', axeMinisteriel: '', domaineFonctionnel: '0113-07', sousAction: '0113-07-16', centreFinancier: '0113-PEBC-ELAB', activite: '011301MB0601', centreCout: 'DININCUB75', extra: [] },
      { uo: '0181-CPRI-ELAB', axeMinisteriel: '', domaineFonctionnel: '0181-11', sousAction: '0181-11-03', centreFinancier: '0181-CPRI-ELAB', activite: '018111AM0303', centreCout: 'DININCUB75', extra: [] },
    ]);
  });

  it('has the three signatories in the seed’s order, each tied to a party', () => {
    const party = (id: string) => c.parties.find((p) => p.id === id)!;
    expect(c.signatories.map((s) => [s.name, party(s.partyId).role, signatoryMention(s.mention, party(s.partyId))])).toEqual([
      ['Brice HUET', 'delegant', 'Le délégant,'],
      ['Patrick SOULÉ', 'delegataire', 'Le délégataire'],
      ['Patrice GUYOT', 'delegant', "L'adjoint à la Secrétaire générale"],
    ]);
    expect(c.signatories[2]!.title).toBe("L'adjoint à la Secrétaire générale");
  });

  it('has annexes 1 and 2 with their emphasis', () => {
    expect(c.annexes.map((a) => a.title)).toEqual(['le manifeste beta.gouv.fr', 'détermination des frais encourus']);
    const manifesto = c.annexes[0]!.body;
    expect(manifesto.map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'list', 'paragraph', 'paragraph', 'list', 'paragraph', 'paragraph', 'list']);
    const first = manifesto[0]!;
    if (first.kind !== 'paragraph') throw new Error('paragraph expected');
    expect(first.runs[0]).toEqual({ text: '1. Les besoins des utilisateurs sont prioritaires.', bold: true });
    expect(first.runs[1]!.bold).toBeUndefined();
    const pledges = manifesto.filter((b) => b.kind === 'list').flatMap((b) => (b.kind === 'list' ? b.items : []));
    expect(pledges).toHaveLength(9);
    for (const p of pledges) expect(p.runs.every((r) => r.italic)).toBe(true);
    const costs = c.annexes[1]!.body;
    expect(costs.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.runs : []))).toEqual(
      ['Devops', 'Design', 'Déploiement', 'Coaching'].map((t) => [{ text: t, bold: true }]),
    );
    const coaching = costs.at(-1)!;
    expect(coaching.kind === 'list' && coaching.items.length).toBe(11);
  });
});
