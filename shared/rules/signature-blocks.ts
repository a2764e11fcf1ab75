import type { Convention, Entity, Party } from '../model/convention';
import { signatoryMention } from './numbering';
import { entityName } from './party-text';

/** What a signature block prints above its box and under it. */
export interface SignatureBlockText {
  /** « Pour le délégant, » (empty when the party is unknown and no mention was typed). */
  readonly mention: string;
  /** The lines above the box: mention, entity (to tell two alike blocks apart), qualité. */
  readonly above: readonly string[];
  readonly name: string;
}

/**
 * The text of each signatory's block. Two blocks whose mention and qualité would read alike
 * (two signatories for one party of several entities) also name their entity: the one whose
 * own representative they are, else the entity of the same rank among the party's.
 */
export function signatureBlocks(c: Convention): SignatureBlockText[] {
  const parties = new Map(c.parties.map((p) => [p.id, p]));
  const base = c.signatories.map((s) => {
    const mention = signatoryMention(s.mention, parties.get(s.partyId));
    const title = s.title.trim() && !sameWords(s.title, mention) ? s.title.trim() : '';
    return { s, mention, title };
  });
  const key = (b: (typeof base)[number]) => `${b.mention.toLocaleLowerCase('fr')}\n${b.title.toLocaleLowerCase('fr')}`;
  return base.map((b, i) => {
    const alike = base.some((o, j) => j !== i && key(o) === key(b));
    const entity = alike ? entityOf(c, b.s, parties.get(b.s.partyId)) : undefined;
    const above = [b.mention, entity ? entityName(entity, true) : '', b.title].filter((t) => t !== '');
    return { mention: b.mention, above, name: b.s.name.trim() };
  });
}

/** The entity a signatory signs for, when the party says it. */
function entityOf(c: Convention, s: Convention['signatories'][number], party: Party | undefined): Entity | undefined {
  if (!party) return undefined;
  const entities = party.entities.filter((e) => e.name.trim() !== '');
  const name = s.name.trim().toLocaleLowerCase('fr');
  const own = entities.find((e) => (e.representatives ?? []).some((r) => r.name.trim() !== '' && r.name.trim().toLocaleLowerCase('fr') === name));
  if (own) return own;
  const mates = c.signatories.filter((o) => o.partyId === s.partyId);
  return mates.length === entities.length ? entities[mates.indexOf(s)] : undefined;
}

/** Equal but for case, surrounding spaces and a trailing comma or colon. */
function sameWords(a: string, b: string): boolean {
  const norm = (t: string) => t.trim().replace(/[,:]\s*$/, '').trim().toLocaleLowerCase('fr');
  return norm(a) === norm(b);
}
