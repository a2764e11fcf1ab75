import { describe, expect, it } from 'vitest';
import type { Convention } from '../../../../shared/model/convention';
import { doubledOpening, hasErrors, signingDateFinding, validateConvention } from '../../../../shared/rules/validate';
import { camino, caminoWith, nestedList as nested, tableBlock as table } from '../fixture';

/** The seed's budget over 2020 and 2021: its first lines in 2020, the others in 2021. */
const twoYears = (c: Convention) => {
  c.budget.years = [2020, 2021];
  for (const row of c.budget.rows) for (const col of [row.ae, row.cp]) col.forEach((l, j) => { l.year = j === 0 ? 2020 : 2021; });
};

/** The findings as « severity path » strings, to compare whole lists at a glance. */
const brief = (c: Convention) => validateConvention(c).map((f) => `${f.severity} ${f.path}`);

describe('validateConvention', () => {
  it('finds nothing to say about the seed convention', () => {
    expect(validateConvention(camino())).toEqual([]);
  });

  it('every finding has a path and a French message that says what to do', () => {
    const c = caminoWith((c) => {
      c.title = '';
      c.parties[0]!.representatives = [];
      c.budget.rows[0]!.cp[0]!.amountCents = 0;
    });
    const findings = validateConvention(c);
    expect(findings.length).toBe(3);
    for (const f of findings) {
      expect(f.path).not.toBe('');
      expect(f.message).toMatch(/^[A-ZÀ-Ýa-zà-ý'’« ]/);
      expect(f.message.length).toBeGreaterThan(20);
    }
    expect(hasErrors(findings)).toBe(true);
  });

  describe('general fields', () => {
    it.each<[string, (c: Convention) => void, string[]]>([
      ['blank title', (c) => { c.title = '  '; }, ['error title']],
      ['blank short title', (c) => { c.shortTitle = ''; }, ['warning shortTitle']],
      ['blank place', (c) => { c.place = ''; }, ['error place']],
      ['a date that does not exist', (c) => { c.date = '2020-02-30'; }, ['error date']],
      ['an avenant without its base', (c) => { c.kind = 'avenant'; }, ['error avenant']],
      ['an avenant whose base has no title', (c) => { c.kind = 'avenant'; c.avenant = { number: 1, base: { title: ' ' } }; }, ['error avenant.base.title']],
    ])('%s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });

    it('accepts a complete avenant', () => {
      expect(brief(caminoWith((c) => { c.kind = 'avenant'; c.avenant = { number: 1, base: { title: 'Convention' } }; }))).toEqual([]);
    });
  });

  describe('parties', () => {
    it.each<[string, (c: Convention) => void, string[]]>([
      ['a single party', (c) => { c.parties.pop(); c.signatories = c.signatories.filter((s) => s.partyId === c.parties[0]!.id); }, ['error parties']],
      ['two parties with one id (the délégataire’s signatory is then orphaned)', (c) => { c.parties[1]!.id = c.parties[0]!.id; }, ['error parties[1].id', 'error signatories[1].partyId']],
      ['a party without entity', (c) => { c.parties[0]!.entities = []; }, ['error parties[0].entities']],
      ['an entity without a name (reported once)', (c) => { c.parties[1]!.entities[0]!.name = ' '; }, ['error parties[1].entities[0].name']],
      ['a party without representative', (c) => { c.parties[1]!.representatives = []; }, ['error parties[1].representatives']],
      ['a representative with neither name nor title', (c) => { c.parties[0]!.representatives[2] = { name: '', title: ' ' }; }, ['error parties[0].representatives[2].name', 'warning parties[0].representatives[2].title']],
      ['a representative known by function only is fine', (c) => { c.parties[1]!.representatives = [{ name: '', title: 'Le directeur interministériel du numérique' }]; }, []],
      ['entities each represented apart, none for the whole party, are fine', (c) => {
        c.parties[0]!.representatives = [];
        c.parties[0]!.entities[1]!.representatives = [{ name: 'Stéphanie Dupuy-Lyon', title: 'Directrice générale' }];
        c.parties[0]!.entities[2]!.representatives = [{ name: '', title: 'Le directeur général de la prévention des risques' }];
      }, []],
      ['an entity’s representative with neither name nor title', (c) => { c.parties[0]!.entities[1]!.representatives = [{ name: ' ', title: '' }]; }, ['error parties[0].entities[1].representatives[0].name', 'warning parties[0].entities[1].representatives[0].title']],
      ['a representative without a title', (c) => { c.parties[0]!.representatives[1]!.title = ''; }, ['warning parties[0].representatives[1].title']],
      ['a party without designation', (c) => { c.parties[1]!.designations = ['', ' ']; }, ['warning parties[1].designations']],
      ['two délégants', (c) => { c.parties[1]!.role = 'delegant'; }, ['warning parties']],
      ['two délégataires', (c) => { c.parties[0]!.role = 'delegataire'; }, ['warning parties']],
      ['several « partie » roles are fine', (c) => { c.parties[0]!.role = 'partie'; c.parties[1]!.role = 'partie'; }, []],
    ])('%s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });
  });

  describe('visas, articles, annexes and blocks', () => {
    it.each<[string, (c: Convention) => void, string[]]>([
      ['no visa', (c) => { c.visas = []; }, ['warning visas']],
      ['an empty visa', (c) => { c.visas[3]!.text = ' '; }, ['error visas[3].text']],
      ['« Vu Vu » at the start of a visa', (c) => { c.visas[0]!.text = `Vu ${c.visas[0]!.text}`; }, ['warning visas[0].text']],
      ['« Vu le le » at the start of a visa, any case', (c) => { c.visas[4]!.text = 'Vu le LE compte rendu du comité,'; }, ['warning visas[4].text']],
      ['a word repeated further on, or across a comma, is fine', (c) => { c.visas[0]!.text = 'Vu le décret, décret modifié, relatif à la la gestion,'; c.visas[1]!.text = 'Vu, vu la loi,'; }, []],
      ['no article at all', (c) => { c.articles = []; }, ['error articles', 'warning budget']],
      ['an article without title', (c) => { c.articles[5]!.title = ''; }, ['error articles[5].title']],
      ['an article without body', (c) => { c.articles[5]!.body = []; }, ['warning articles[5].body']],
      ['an annex without title', (c) => { c.annexes[1]!.title = ''; }, ['error annexes[1].title']],
      ['an empty list in an article', (c) => { c.articles[0]!.body.push({ kind: 'list', items: [] }); }, ['warning articles[0].body[6]']],
      ['a list nested five deep in an annex', (c) => { c.annexes[0]!.body.push({ kind: 'list', items: [nested(5)] }); }, ['warning annexes[0].body[9]']],
      ['a list nested four deep is fine', (c) => { c.annexes[0]!.body.push({ kind: 'list', items: [nested(4)] }); }, []],
      ['a table row with a missing cell, in the preamble', (c) => { c.preamble.push(table([3, 2, 3])); }, ['error preamble[9].rows[1]']],
      ['a table row shorter than its header', (c) => { c.preamble.push(table([2], 3)); }, ['error preamble[9].rows[0]']],
      ['table widths that do not match', (c) => { c.articles[1]!.body.push(table([2, 2], undefined, [1, 2, 3])); }, ['error articles[1].body[6].widths']],
      ['a regular table is fine', (c) => { c.articles[1]!.body.push(table([2, 2], 2, [1, 3])); }, []],
    ])('%s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });
  });

  describe('budget', () => {
    it.each<[string, (c: Convention) => void, string[]]>([
      ['a UO without code', (c) => { c.budget.rows[1]!.uo = ' '; }, ['error budget.rows[1].uo', 'warning accounting[1].uo']],
      ['a UO twice', (c) => { c.budget.rows[1]!.uo = '0113-PEBC-ELAB'; }, ['error budget.rows[1].uo', 'warning accounting[1].uo']],
      ['a code that is not a Chorus UO', (c) => { c.budget.rows[1]!.uo = '181'; c.accounting[1]!.uo = '181'; }, ['warning budget.rows[1].uo']],
      ['a UO with no amount', (c) => { c.budget.rows[1]!.ae = []; c.budget.rows[1]!.cp = []; }, ['error budget.rows[1]']],
      ['a zero amount', (c) => { c.budget.rows[0]!.cp[1]!.amountCents = 0; }, ['error budget.rows[0].cp[1].amountCents']],
      ['a zero AE amount also puts CP above AE', (c) => { c.budget.rows[0]!.ae[1]!.amountCents = 0; }, ['error budget.rows[0].ae[1].amountCents', 'warning budget.rows[0].cp']],
      ['a negative amount (and CP now above AE)', (c) => { c.budget.rows[0]!.ae[0]!.amountCents = -100; }, ['error budget.rows[0].ae[0].amountCents', 'warning budget.rows[0].cp']],
      ['a line without its « au titre de »', (c) => { c.budget.rows[0]!.cp[1]!.label = ''; }, ['warning budget.rows[0].cp[1].label']],
      ['CP above AE', (c) => { c.budget.rows[1]!.cp[0]!.amountCents = 100_000_01; }, ['warning budget.rows[1].cp']],
      ['CP below AE is fine', (c) => { c.budget.rows[1]!.cp[0]!.amountCents = 50_000_00; }, []],
      ['an amount above one billion euros', (c) => { c.budget.rows[1]!.ae[0]!.amountCents = 1_000_000_000_01; }, ['warning budget.rows[1].ae[0].amountCents']],
      ['exactly one billion euros is fine', (c) => { c.budget.rows[1]!.ae[0]!.amountCents = 1_000_000_000_00; }, []],
      ['a budget that no article shows', (c) => { c.articles[1]!.body.pop(); }, ['warning budget']],
      ['a budget table with no UO', (c) => { c.budget.rows = []; }, ['warning budget', 'warning accounting[0].uo', 'warning accounting[1].uo']],
    ])('%s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });

    it.each<[string, (c: Convention) => void, string[]]>([
      ['a two-year budget, every amount dated', (c) => { twoYears(c); }, []],
      ['a line without a year', (c) => { twoYears(c); delete c.budget.rows[1]!.ae[0]!.year; }, ['error budget.rows[1].ae[0].year']],
      ['a line whose year is not one of the budget’s', (c) => { twoYears(c); c.budget.rows[0]!.cp[1]!.year = 2019; }, ['error budget.rows[0].cp[1].year']],
      ['a year listed twice', (c) => { twoYears(c); c.budget.years = [2020, 2021, 2021]; }, ['error budget.years[2]']],
      ['years out of order', (c) => { twoYears(c); c.budget.years = [2021, 2020]; }, ['warning budget.years[1]']],
      ['a dated line in a budget of one year', (c) => { c.budget.rows[0]!.ae[0]!.year = 2020; }, ['warning budget.rows[0].ae[0].year']],
    ])('over several years: %s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });

    it('names the budget’s years, each once, when a line’s year is not one of them', () => {
      const [f] = validateConvention(caminoWith((c) => { twoYears(c); c.budget.years = [2020, 2021]; c.budget.rows[0]!.ae[0]!.year = 2024; }));
      expect(f!.code).toBe('budget.line.year.unknown');
      expect(f!.message).toBe("L'année 2024 de ce montant (UO 0113-PEBC-ELAB, AE, ligne 1) n'est pas une année du budget (2020, 2021) : choisissez-en une ou ajoutez-la.");
    });

    it('says the amounts in French in the CP above AE warning', () => {
      const [f] = validateConvention(caminoWith((c) => { c.budget.rows[1]!.cp[0]!.amountCents = 120_000_00; }));
      expect(f!.message).toContain('120\u202f000\u00a0EUR');
      expect(f!.message).toContain('100\u202f000\u00a0EUR');
      expect(f!.message).toContain('0181-CPRI-ELAB');
    });
  });

  describe('Chorus references', () => {
    it.each<[string, (c: Convention) => void, string[]]>([
      ['references without UO', (c) => { c.accounting[1]!.uo = ''; }, ['error accounting[1].uo', 'warning budget.rows[1].uo']],
      ['references of one UO twice', (c) => { c.accounting[1]!.uo = '0113-PEBC-ELAB'; }, ['error accounting[1].uo', 'warning budget.rows[1].uo']],
      ['references of a UO not in the budget', (c) => { c.accounting.push({ ...c.accounting[0]!, id: 'x', uo: '0217-AAAA-BBBB' }); }, ['warning accounting[2].uo']],
      ['a UO without references', (c) => { c.accounting.pop(); }, ['warning budget.rows[1].uo']],
    ])('%s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });
  });

  describe('signatories', () => {
    it.each<[string, (c: Convention) => void, string[]]>([
      ['no signatory', (c) => { c.signatories = []; }, ['error signatories']],
      ['a signatory tied to no party', (c) => { c.signatories[1]!.partyId = 'nobody'; }, ['error signatories[1].partyId', 'warning parties[1]']],
      ['a signatory without name', (c) => { c.signatories[2]!.name = ' '; }, ['error signatories[2].name']],
      ['a signatory without title', (c) => { c.signatories[0]!.title = ''; }, ['warning signatories[0].title']],
      ['a party nobody signs for', (c) => { c.signatories.splice(1, 1); }, ['warning parties[1]']],
    ])('%s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });
  });

  describe('identifiers', () => {
    it.each<[string, (c: Convention) => void, string[]]>([
      ['two visas with one id', (c) => { c.visas[4]!.id = c.visas[1]!.id; }, ['error visas[4].id']],
      ['two articles with one id', (c) => { c.articles[7]!.id = c.articles[0]!.id; }, ['error articles[7].id']],
      ['two annexes with one id', (c) => { c.annexes[1]!.id = c.annexes[0]!.id; }, ['error annexes[1].id']],
      ['two UO rows with one id', (c) => { c.budget.rows[1]!.id = c.budget.rows[0]!.id; }, ['error budget.rows[1].id']],
      ['two budget lines with one id, across AE and CP', (c) => { c.budget.rows[0]!.cp[0]!.id = c.budget.rows[0]!.ae[0]!.id; }, ['error budget.rows[0].cp[0].id']],
      ['two budget lines with one id, across UOs', (c) => { c.budget.rows[1]!.ae[0]!.id = c.budget.rows[0]!.cp[1]!.id; }, ['error budget.rows[1].ae[0].id']],
      ['two Chorus references with one id', (c) => { c.accounting[1]!.id = c.accounting[0]!.id; }, ['error accounting[1].id']],
      ['two signatories with one id (their PDF fields would collide)', (c) => { c.signatories[2]!.id = c.signatories[0]!.id; }, ['error signatories[2].id']],
      ['one id shared by elements of different kinds is fine', (c) => { c.visas[0]!.id = 'x'; c.articles[0]!.id = 'x'; c.signatories[0]!.id = 'x'; }, []],
    ])('%s', (_name, edit, expected) => {
      expect(brief(caminoWith(edit))).toEqual(expected);
    });
  });

  it("names the first article as the document prints it: « l'article 1er » when the convention says so", () => {
    const untitled = (first: '1' | '1er') => caminoWith((c) => {
      c.articles[0]!.title = '';
      c.presentation = { firstArticle: first };
    });
    const message = (c: Convention) => validateConvention(c).find((f) => f.code === 'article.title.missing')?.message;
    expect(message(untitled('1er'))).toBe("Donnez un titre à l'article 1er.");
    expect(message(untitled('1'))).toBe("Donnez un titre à l'article 1.");
  });

  it('hasErrors ignores warnings', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([{ severity: 'warning', path: 'visas', message: 'm' }])).toBe(false);
    expect(hasErrors([{ severity: 'warning', path: 'visas', message: 'm' }, { severity: 'error', path: 'title', message: 'm' }])).toBe(true);
  });

  describe('doubled words at the start of a visa', () => {
    it('names the doubled words as typed, among the first words only', () => {
      expect(doubledOpening('Vu Vu le décret')).toBe('Vu Vu');
      expect(doubledOpening('  Vu le le décret')).toBe('le le');
      expect(doubledOpening("Vu l'arrêté l'arrêté du 3 mai")).toBe("l'arrêté l'arrêté");
      expect(doubledOpening('Vu le décret n°2004-1085 du du 14 octobre')).toBeNull();
      expect(doubledOpening('Vu la convention')).toBeNull();
      expect(doubledOpening('')).toBeNull();
    });
  });

  describe('a signature later than « Fait le »', () => {
    it('warns, quoting both dates in French, when signing after the printed date', () => {
      const f = signingDateFinding('2020-03-26', '2020-03-27');
      expect(f).toMatchObject({ severity: 'warning', path: 'date', code: 'signature.after-made-date', params: { signed: '27 mars 2020', made: '26 mars 2020' } });
      expect(f!.message).toContain('le 27 mars 2020');
      expect(f!.message).toContain('26 mars 2020');
    });

    it('is silent on the day itself, before it, or when a date is not one', () => {
      expect(signingDateFinding('2020-03-26', '2020-03-26')).toBeNull();
      expect(signingDateFinding('2020-03-26', '2020-03-20')).toBeNull();
      expect(signingDateFinding('2020-02-30', '2020-03-27')).toBeNull();
      expect(signingDateFinding('2020-03-26', '')).toBeNull();
    });
  });
});
