import type { Block, ListItem } from '../model/blocks';
import type { Convention } from '../model/convention';
import type { Finding } from '../model/migrate';
import { rowTotals } from './budget';
import { formatAmount, isValidIsoDate } from './format';

/** Chorus UO codes look like « 0113-PEBC-ELAB ». */
const UO_PATTERN = /^\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

const error = (path: string, message: string): Finding => ({ severity: 'error', path, message });
const warning = (path: string, message: string): Finding => ({ severity: 'warning', path, message });
const blank = (s: string | undefined) => !s || s.trim() === '';

/**
 * Checks what the schema cannot: the rules of a well-formed convention. Errors block the
 * finalization and the PDF; warnings are shown but do not block.
 */
export function validateConvention(c: Convention): Finding[] {
  const out: Finding[] = [];

  if (blank(c.title)) out.push(error('title', 'Donnez un titre à la convention.'));
  if (blank(c.shortTitle)) out.push(warning('shortTitle', 'Donnez un titre court : il figure en pied de page.'));
  if (blank(c.place)) out.push(error('place', 'Indiquez le lieu de signature (« Fait à … »).'));
  if (!isValidIsoDate(c.date)) out.push(error('date', "Cette date n'existe pas : choisissez une date valide."));
  if (c.kind === 'avenant') {
    if (!c.avenant) out.push(error('avenant', "Un avenant doit indiquer son numéro et la convention qu'il modifie."));
    else if (blank(c.avenant.base.title)) out.push(error('avenant.base.title', "Indiquez l'intitulé de la convention que cet avenant modifie."));
  }

  // Parties
  if (c.parties.length < 2) out.push(error('parties', 'Une convention lie au moins deux parties : ajoutez la partie manquante.'));
  const partyIds = new Set<string>();
  c.parties.forEach((p, i) => {
    const at = `parties[${i}]`;
    if (partyIds.has(p.id)) out.push(error(`${at}.id`, 'Deux parties portent le même identifiant : supprimez le doublon.'));
    partyIds.add(p.id);
    // One finding per problem: blank entities are reported one by one just below.
    if (p.entities.length === 0) {
      out.push(error(`${at}.entities`, 'Indiquez au moins une entité (ministère, direction…) pour cette partie.'));
    }
    p.entities.forEach((e, j) => {
      if (blank(e.name)) out.push(error(`${at}.entities[${j}].name`, "Donnez le nom de l'entité ou supprimez-la."));
    });
    if (p.representatives.length === 0) out.push(error(`${at}.representatives`, 'Indiquez qui représente cette partie (nom et qualité).'));
    p.representatives.forEach((r, j) => {
      if (blank(r.name)) out.push(error(`${at}.representatives[${j}].name`, 'Indiquez le nom du représentant.'));
      if (blank(r.title)) out.push(warning(`${at}.representatives[${j}].title`, 'Indiquez la qualité du représentant (ex. « Directeur général »).'));
    });
    if (p.designations.every(blank)) out.push(warning(`${at}.designations`, 'Ajoutez la dénomination de la partie (« ci-après dénommée … »).'));
  });
  const roles = c.parties.map((p) => p.role);
  for (const role of ['delegant', 'delegataire'] as const) {
    if (roles.filter((r) => r === role).length > 1) {
      out.push(warning('parties', `Plusieurs parties ont le rôle « ${role === 'delegant' ? 'délégant' : 'délégataire'} » : regroupez-les en une partie aux entités multiples.`));
    }
  }

  // Visas, articles, annexes
  if (c.visas.length === 0) out.push(warning('visas', 'Aucun visa : ajoutez les textes de référence (« Vu le décret … »).'));
  c.visas.forEach((v, i) => {
    if (blank(v.text)) out.push(error(`visas[${i}].text`, 'Ce visa est vide : complétez-le ou supprimez-le.'));
  });
  if (c.articles.length === 0) out.push(error('articles', 'Ajoutez au moins un article.'));
  c.articles.forEach((a, i) => {
    if (blank(a.title)) out.push(error(`articles[${i}].title`, `Donnez un titre à l'article ${i + 1}.`));
    if (a.body.length === 0) out.push(warning(`articles[${i}].body`, `L'article ${i + 1} n'a pas de contenu.`));
    out.push(...checkBlocks(a.body, `articles[${i}].body`));
  });
  c.annexes.forEach((a, i) => {
    if (blank(a.title)) out.push(error(`annexes[${i}].title`, `Donnez un titre à l'annexe ${i + 1}.`));
    out.push(...checkBlocks(a.body, `annexes[${i}].body`));
  });
  out.push(...checkBlocks(c.preamble, 'preamble'));

  // Budget
  const seenUo = new Map<string, number>();
  c.budget.rows.forEach((row, i) => {
    const at = `budget.rows[${i}]`;
    const uo = row.uo.trim();
    if (!uo) out.push(error(`${at}.uo`, "Indiquez le code de l'unité opérationnelle (ex. « 0113-PEBC-ELAB »)."));
    else {
      if (seenUo.has(uo)) out.push(error(`${at}.uo`, `L'UO ${uo} figure deux fois : fusionnez les deux lignes.`));
      else seenUo.set(uo, i);
      if (!UO_PATTERN.test(uo)) out.push(warning(`${at}.uo`, `Le code « ${uo} » ne ressemble pas à un code d'UO Chorus (ex. « 0113-PEBC-ELAB ») : vérifiez-le.`));
    }
    if (row.ae.length === 0 && row.cp.length === 0) out.push(error(at, `L'UO ${uo || i + 1} n'a aucun montant : ajoutez une ligne en AE ou en CP.`));
    for (const col of ['ae', 'cp'] as const) {
      row[col].forEach((line, j) => {
        if (line.amountCents <= 0) {
          out.push(error(`${at}.${col}[${j}].amountCents`, `Le montant doit être positif (${col.toUpperCase()}, ligne ${j + 1}) : saisissez un montant supérieur à zéro.`));
        }
        if (blank(line.label)) out.push(warning(`${at}.${col}[${j}].label`, `Précisez l'objet de cette ligne (« au titre de … »).`));
      });
    }
    const t = rowTotals(row);
    if (t.cp > t.ae) {
      out.push(warning(`${at}.cp`, `Les CP (${formatAmount(t.cp)}) dépassent les AE (${formatAmount(t.ae)}) pour l'UO ${uo} : vérifiez l'échéancier.`));
    }
  });
  const hasBudgetBlock = allBlocks(c).some((b) => b.kind === 'budget-table');
  if (c.budget.rows.length > 0 && !hasBudgetBlock) {
    out.push(warning('budget', "Le tableau budgétaire n'apparaît dans aucun article : insérez-le là où le texte le présente."));
  }
  if (c.budget.rows.length === 0 && hasBudgetBlock) {
    out.push(warning('budget', 'Un article affiche le tableau budgétaire, mais aucune UO n\'est saisie.'));
  }

  // Chorus references
  const refUos = new Set<string>();
  c.accounting.forEach((ref, i) => {
    const uo = ref.uo.trim();
    if (!uo) {
      out.push(error(`accounting[${i}].uo`, "Indiquez le code de l'UO de ces références Chorus (ex. « 0113-PEBC-ELAB »)."));
      return;
    }
    if (refUos.has(uo)) out.push(error(`accounting[${i}].uo`, `Les références Chorus de l'UO ${uo} sont saisies deux fois.`));
    refUos.add(uo);
    if (!seenUo.has(uo)) out.push(warning(`accounting[${i}].uo`, `L'UO ${uo} n'apparaît pas dans le budget : vérifiez le code.`));
  });
  for (const [uo, i] of seenUo) {
    if (!refUos.has(uo)) out.push(warning(`budget.rows[${i}].uo`, `Ajoutez les références Chorus de l'UO ${uo}.`));
  }

  // Signatories
  if (c.signatories.length === 0) out.push(error('signatories', 'Ajoutez au moins un signataire par partie.'));
  c.signatories.forEach((s, i) => {
    const at = `signatories[${i}]`;
    if (!partyIds.has(s.partyId)) out.push(error(`${at}.partyId`, `Le signataire ${i + 1} n'est rattaché à aucune partie : choisissez sa partie.`));
    if (blank(s.name)) out.push(error(`${at}.name`, `Indiquez le nom du signataire ${i + 1}.`));
    if (blank(s.title)) out.push(warning(`${at}.title`, `Indiquez la qualité du signataire ${i + 1}.`));
  });
  c.parties.forEach((p, i) => {
    if (c.signatories.length > 0 && !c.signatories.some((s) => s.partyId === p.id)) {
      out.push(warning(`parties[${i}]`, "Aucun signataire pour cette partie : ajoutez-en un à l'étape Signataires."));
    }
  });

  out.push(...duplicateIds(c));
  return out;
}

/**
 * Ids are invisible to the user but name things elsewhere (signature fields in the PDF,
 * editor rows): two elements of one kind with one id, e.g. in a JSON edited by hand, must not
 * pass. Parties are checked above with the parties.
 */
function duplicateIds(c: Convention): Finding[] {
  const out: Finding[] = [];
  const groups: Array<[string, Array<{ id: string }>, (i: number) => string]> = [
    ['visas', c.visas, (i) => `visas[${i}].id`],
    ['articles', c.articles, (i) => `articles[${i}].id`],
    ['annexes', c.annexes, (i) => `annexes[${i}].id`],
    ['budget.rows', c.budget.rows, (i) => `budget.rows[${i}].id`],
    ['accounting', c.accounting, (i) => `accounting[${i}].id`],
    ['signatories', c.signatories, (i) => `signatories[${i}].id`],
  ];
  for (const [, items, pathOf] of groups) {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) out.push(error(pathOf(i), DUPLICATE_ID));
      seen.add(item.id);
    });
  }
  const lines = new Set<string>();
  c.budget.rows.forEach((row, i) => {
    for (const col of ['ae', 'cp'] as const) {
      row[col].forEach((line, j) => {
        if (lines.has(line.id)) out.push(error(`budget.rows[${i}].${col}[${j}].id`, DUPLICATE_ID));
        lines.add(line.id);
      });
    }
  });
  return out;
}

const DUPLICATE_ID =
  "Cet élément porte le même identifiant qu'un autre (fichier modifié à la main ?) : supprimez le doublon, ou recréez l'élément dans Paraphe.";

/** True when some finding blocks finalization and rendering. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

function allBlocks(c: Convention): Block[] {
  return [...c.preamble, ...c.articles.flatMap((a) => a.body), ...c.annexes.flatMap((a) => a.body)];
}

function checkBlocks(blocks: readonly Block[], at: string): Finding[] {
  const out: Finding[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'list' && b.items.length === 0) out.push(warning(`${at}[${i}]`, 'Cette liste est vide : ajoutez un élément ou supprimez-la.'));
    if (b.kind === 'list' && depth(b.items) > 4) out.push(warning(`${at}[${i}]`, 'Liste imbriquée sur plus de quatre niveaux : simplifiez-la.'));
    if (b.kind === 'table') {
      const cols = b.header?.length ?? b.rows[0]?.length ?? 0;
      b.rows.forEach((r, j) => {
        if (r.length !== cols) out.push(error(`${at}[${i}].rows[${j}]`, `Cette ligne du tableau a ${r.length} cellule(s) au lieu de ${cols} : complétez-la.`));
      });
      if (b.widths && b.widths.length !== cols) out.push(error(`${at}[${i}].widths`, 'Le nombre de largeurs de colonnes ne correspond pas au tableau.'));
    }
  });
  return out;
}

function depth(items: readonly ListItem[]): number {
  return items.reduce((d, it) => Math.max(d, 1 + (it.children ? depth(it.children) : 0)), 0);
}
