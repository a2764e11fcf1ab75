import { nestedList as nested, tableBlock as table } from '../fixture';
import type { Convention } from '../../../../shared/model/convention';
import { SCHEMA_VERSION } from '../../../../shared/model/convention';
import { createAvenant, getTemplate } from '../../../../shared/templates/index';

/**
 * Damaged conventions built from the shipped templates, together meant to make the validator
 * say every one of its sentences at least once (finding-texts.test.ts checks that they do).
 * Their French findings were captured in finding-messages.fr.json before the validator's
 * sentences moved into shared/rules/finding-texts.ts: the texts must not drift.
 */
const build = (id: string): Convention => getTemplate(id)!.build();
const camino = () => build('exemple-camino-2020');
const blank = () => build('delegation-de-gestion');
const damaged = (base: () => Convention, edit: (c: Convention) => void) => () => {
  const c = base();
  edit(c);
  return c;
};

/** Named conventions for the validator, in a stable order. */
export const VALIDATOR_CASES: ReadonlyArray<readonly [string, () => Convention]> = [
  ['blank template as shipped', blank],
  ['camino: general fields blank', damaged(camino, (c) => { c.title = ' '; c.shortTitle = ''; c.place = ''; c.date = '2020-02-30'; })],
  ['camino as an avenant without base', damaged(camino, (c) => { c.kind = 'avenant'; })],
  ['avenant of camino whose base lost its title', () => {
    let n = 0;
    const a = createAvenant(camino(), { number: 1, newId: () => `id-${++n}` });
    if (a.avenant) a.avenant = { ...a.avenant, base: { ...a.avenant.base, title: '' } };
    return a;
  }],
  ['camino: parties damaged', damaged(camino, (c) => {
    c.parties[1]!.id = c.parties[0]!.id;
    c.parties[0]!.entities = [];
    c.parties[1]!.representatives = [];
    c.parties[0]!.representatives[1]!.name = '';
    c.parties[0]!.representatives[2]!.title = '';
    c.parties[1]!.designations = [' '];
    c.parties[1]!.role = 'delegant';
  })],
  ['camino: a single party', damaged(camino, (c) => { c.parties.pop(); })],
  ['camino: two délégataires', damaged(camino, (c) => { c.parties[0]!.role = 'delegataire'; })],
  ['camino: visas, articles, annexes, blocks', damaged(camino, (c) => {
    c.visas[2]!.text = ' ';
    c.articles[4]!.title = '';
    c.articles[6]!.body = [];
    c.annexes[1]!.title = '';
    c.articles[0]!.body.push({ kind: 'list', items: [] });
    c.annexes[0]!.body.push({ kind: 'list', items: [nested(6)] });
    c.preamble.push(table([3, 2, 3, 1], 3));
    c.articles[1]!.body.push(table([2, 2], undefined, [1, 2, 3]));
  })],
  ['camino: references to a deleted article and annex', damaged(camino, (c) => {
    c.articles[2]!.body.push({ kind: 'paragraph', runs: [{ text: 'Voir l’' }, { text: 'article 9', ref: { target: 'gone-article' } }, { text: ' et l’' }, { text: 'annexe 1', ref: { target: c.annexes[0]!.id } }, { text: '.' }] });
    c.annexes[1]!.body.push({ kind: 'list', items: [{ runs: [{ text: 'point' }], children: [{ runs: [{ text: 'annexe 3', ref: { target: 'gone-annex' } }] }] }] });
  })],
  ['camino: a visa typed twice, an amount above a billion', damaged(camino, (c) => {
    c.visas[0]!.text = `Vu ${c.visas[0]!.text}`;
    c.budget.rows[0]!.ae[0]!.amountCents = 1_400_000_000_00;
  })],
  ['camino: no visa, no article', damaged(camino, (c) => { c.visas = []; c.articles = []; })],
  ['camino: budget damaged', damaged(camino, (c) => {
    c.budget.rows[0]!.ae[1]!.amountCents = 0;
    c.budget.rows[0]!.cp[0]!.amountCents = -250;
    c.budget.rows[0]!.cp[1]!.label = ' ';
    c.budget.rows[1]!.cp[0]!.amountCents = 123_456_789_01;
    c.budget.rows.push({ ...c.budget.rows[1]!, id: 'dup', ae: [], cp: [] });
    c.budget.rows.push({ id: 'odd', uo: 'UO 181', ae: [{ id: 'odd-ae', amountCents: 1_00, label: 'au titre de 2021' }], cp: [] });
    c.budget.rows.push({ id: 'none', uo: ' ', ae: [], cp: [] });
  })],
  ['camino: budget years damaged', damaged(camino, (c) => {
    c.budget.years = [2021, 2022, 2021, 2020];
    for (const row of c.budget.rows) for (const l of [...row.ae, ...row.cp]) l.year = 2021;
    delete c.budget.rows[0]!.ae[1]!.year;
    c.budget.rows[1]!.cp[0]!.year = 2030;
  })],
  ['camino: one-year budget with a dated amount', damaged(camino, (c) => { c.budget.rows[0]!.cp[1]!.year = 2020; })],
  ['camino: budget no article shows', damaged(camino, (c) => { c.articles[1]!.body.pop(); })],
  ['camino: budget table without UO', damaged(camino, (c) => { c.budget.rows = []; })],
  ['camino: Chorus references damaged', damaged(camino, (c) => {
    c.accounting[1]!.uo = c.accounting[0]!.uo;
    c.accounting.push({ ...c.accounting[0]!, id: 'blank', uo: '  ' });
    c.accounting.push({ ...c.accounting[0]!, id: 'elsewhere', uo: '0217-AAAA-BBBB' });
  })],
  ['camino: signatories damaged', damaged(camino, (c) => {
    c.signatories[1]!.partyId = 'nobody';
    c.signatories[2]!.name = ' ';
    c.signatories[0]!.title = '';
  })],
  ['camino: no signatory', damaged(camino, (c) => { c.signatories = []; })],
  ['camino: duplicated ids', damaged(camino, (c) => {
    c.visas[4]!.id = c.visas[1]!.id;
    c.articles[7]!.id = c.articles[0]!.id;
    c.annexes[1]!.id = c.annexes[0]!.id;
    c.budget.rows[0]!.cp[0]!.id = c.budget.rows[0]!.ae[0]!.id;
    c.accounting[1]!.id = c.accounting[0]!.id;
    c.signatories[2]!.id = c.signatories[0]!.id;
  })],
  ['camino: duplicated UO row ids', damaged(camino, (c) => { c.budget.rows[1]!.id = c.budget.rows[0]!.id; })],
  // « ﬁ », « 1ᵉʳ » and « Mᵐᵉ » print (mapped, raised): only ✓, 🙂 and ① would print « ? ».
  ['camino: characters the font lacks', damaged(camino, (c) => {
    c.title = `${c.title} (ﬁnancement du 1ᵉʳ trimestre)`;
    c.articles[0]!.body.push({ kind: 'paragraph', runs: [{ text: 'Livrables validés ✓ par Mᵐᵉ la directrice 🙂, deux fois ✓.' }] });
    c.annexes[0]!.body.push({ kind: 'list', items: [{ runs: [{ text: '① premier point' }] }] });
  })],
  ['camino: bloc-marque without ministry', damaged(camino, (c) => {
    c.presentation = { blocMarque: { ministries: ['', ' '] } };
  })],
];

/** Convention JSONs that the format (zod) refuses, for parseConvention's findings. */
export const FORMAT_CASES: ReadonlyArray<readonly [string, () => unknown]> = [
  ['camino without title, with a bad kind and a text amount', () => {
    const doc = JSON.parse(JSON.stringify(camino())) as Record<string, any>;
    delete doc.title;
    doc.kind = 'contrat';
    doc.budget.rows[0].ae[0].amountCents = '140000';
    doc.originals = -1;
    return doc;
  }],
  ['a near-empty document', () => ({ schemaVersion: SCHEMA_VERSION, parties: 'deux' })],
];
