import type { Entity, Party, Representative } from '../model/convention';
import { designationSentence } from './numbering';

/** A piece of a party's text; the entities' names are bold. */
export interface PartyRun {
  readonly text: string;
  readonly bold?: boolean;
}

/** One paragraph of a party; all but the last stay on the page of what follows. */
export interface PartyParagraph {
  readonly runs: readonly PartyRun[];
  readonly keepWithNext: boolean;
}

const ELIDED = /['’]$/;
const ARTICLE = /^(?:l['’]|(?:le|la|les)(?=\s))/i;

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('fr') + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('fr') + s.slice(1);

/**
 * An entity as the original names it: « La Direction… », « L'Agence… » (no space after an
 * elided article), the acronym in brackets. The article starts with a capital at the head of
 * a paragraph and is lower case inside a sentence (« D'une part, le Secrétariat… »).
 */
export function entityName(e: Pick<Entity, 'determiner' | 'name' | 'acronym'>, head: boolean): string {
  const name = e.name.trim() + (e.acronym?.trim() ? ` (${e.acronym.trim()})` : '');
  const det = e.determiner?.trim() ?? '';
  if (!det) return name;
  const article = head ? upperFirst(det) : lowerFirst(det);
  return ELIDED.test(article) ? `${article}${name}` : `${article} ${name}`;
}

/** A representative: « Nadi Bou Hanna, Directeur… », or by function only « le directeur… ». */
export function representativeText(r: Representative): string {
  const name = r.name.trim();
  const title = r.title.trim();
  if (!name) return title.replace(ARTICLE, (a) => a.toLocaleLowerCase('fr'));
  return title ? `${name}, ${title}` : name;
}

/** A representative is printed when it has a name or, known by function only, a qualité. */
export function isPrinted(r: Representative): boolean {
  return r.name.trim() !== '' || r.title.trim() !== '';
}

/** « représentée », « représenté », « représentés » after an entity, agreeing with its article. */
function representedBy(e: Entity, fallback: Party['designationGender']): string {
  const det = e.determiner?.trim().toLocaleLowerCase('fr') ?? '';
  if (det === 'les') return fallback === 'f' ? 'représentées' : 'représentés';
  if (det === 'le') return 'représenté';
  if (det === 'la') return 'représentée';
  return fallback === 'm' ? 'représenté' : 'représentée';
}

/** « A, B et C » */
function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/**
 * A party's text, as the PDF and the Word export print it: its opening (« D'une part, »), its
 * entities in bold with their addresses, its representatives, its designation. When some
 * entity has its own representatives, each entity is a clause of its own (« la DGALN,
 * représentée par … ; la DGPR, représentée par … »), never merged with the others. A party
 * without the optional fields prints as before they existed.
 */
export function partyParagraphs(party: Party): PartyParagraph[] {
  const out: PartyParagraph[] = [];
  const entities = party.entities.filter((e) => e.name.trim() !== '');
  const opening = party.opening?.trim() ?? '';
  const lead: PartyRun[] = opening ? [{ text: `${opening} ` }] : [];
  const apart = entities.some((e) => (e.representatives ?? []).some(isPrinted));

  if (apart) {
    entities.forEach((e, i) => {
      const runs: PartyRun[] = i === 0 ? [...lead] : [];
      runs.push({ text: entityName(e, i === 0 && !opening), bold: true });
      const own = (e.representatives ?? []).filter(isPrinted);
      if (own.length > 0) runs.push({ text: `, ${representedBy(e, party.designationGender)} par ${joinAnd(own.map(representativeText))}` });
      runs.push({ text: i === entities.length - 1 ? ',' : ' ;' });
      out.push({ runs, keepWithNext: true });
      if (e.address?.trim()) out.push({ runs: [{ text: `Adresse : ${e.address.trim()}` }], keepWithNext: true });
    });
  } else {
    const runs: PartyRun[] = [...lead];
    entities.forEach((e, i) => {
      if (i > 0) runs.push({ text: i === entities.length - 1 ? ' et ' : ', ' });
      runs.push({ text: entityName(e, i === 0 && !opening), bold: true });
    });
    if (entities.length > 0) out.push({ runs, keepWithNext: true });
    else if (opening) out.push({ runs: [{ text: opening }], keepWithNext: true });
    for (const e of entities) {
      if (e.address?.trim()) out.push({ runs: [{ text: `Adresse : ${e.address.trim()}` }], keepWithNext: true });
    }
  }

  const reps = party.representatives.filter(isPrinted);
  if (reps.length > 0) {
    const verb = entities.length > 1 || reps.length > 1 ? 'Représentés' : party.designationGender === 'm' ? 'Représenté' : 'Représentée';
    out.push({ runs: [{ text: `${verb} par ${reps.map(representativeText).join(', ')},` }], keepWithNext: true });
  }
  const designation = designationSentence(party);
  if (designation) out.push({ runs: [{ text: `${designation},` }], keepWithNext: false });
  else if (out.length > 0) out[out.length - 1] = { ...out[out.length - 1]!, keepWithNext: false };
  return out;
}
