import type { Annex, Article, PartyRole, Party } from '../model/convention';

/** Articles are numbered by their order, from 1: numbers are never typed. */
export function articleNumber(index: number): number {
  return index + 1;
}

/** « Article 1 : Objet de la délégation » */
export function articleHeading(article: Pick<Article, 'title'>, index: number): string {
  const title = article.title.trim();
  return title ? `Article ${articleNumber(index)} : ${title}` : `Article ${articleNumber(index)}`;
}

/** « Annexe 1 : le manifeste beta.gouv.fr » */
export function annexHeading(annex: Pick<Annex, 'title'>, index: number): string {
  const title = annex.title.trim();
  return title ? `Annexe ${index + 1} : ${title}` : `Annexe ${index + 1}`;
}

const ROLE_LABELS: Record<PartyRole, string> = {
  delegant: 'le délégant',
  delegataire: 'le délégataire',
  partie: 'la partie',
};

/** « le délégant » — the role as a noun phrase. */
export function roleLabel(role: PartyRole): string {
  return ROLE_LABELS[role];
}

/** « Ci-après dénommée « le délégataire » ou « la DINUM » ». */
export function designationSentence(party: Pick<Party, 'designations' | 'designationGender'>): string {
  const names = party.designations.filter((d) => d.trim() !== '').map((d) => `« ${d.trim()} »`);
  if (names.length === 0) return '';
  const verb = party.designationGender === 'm' ? 'dénommé' : 'dénommée';
  return `Ci-après ${verb} ${names.join(' ou ')}`;
}

/** The line above a signatory's box: the explicit mention, else « Le délégant, ». */
export function signatoryMention(mention: string | undefined, party: Pick<Party, 'role' | 'designations'> | undefined): string {
  if (mention && mention.trim()) return mention.trim();
  if (!party) return '';
  const label = party.role === 'partie' ? (party.designations[0] ?? 'la partie') : roleLabel(party.role);
  return `${label.charAt(0).toUpperCase()}${label.slice(1)},`;
}
