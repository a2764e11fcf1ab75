import { DEVISE_RATIO, MARIANNE_RATIO } from '../bloc-marque';
import { paragraphSlots, plain, type BlockContext } from './blocks';
import { LinesFlowable, tagSlots, type Flowable } from './flow';
import type { TextStyle } from './text';
import { shiftBox, structNode, type Box } from './types';

/** Sizes from the DSFR's `.fr-logo` (in CSS pixels there), at three quarters: points. */
const MARIANNE_WIDTH = 33;
const DEVISE_WIDTH = 31.5;
const GAP = 4;
const NAME: TextStyle = { size: 12.6, leading: 13, align: 'left', color: [0, 0, 0] };
const MINISTRY: TextStyle = { size: 8.5, leading: 10.5, align: 'right', color: [0, 0, 0] };
const MINISTRY_WIDTH = 210;
const MINISTRY_GAP = 5;

/**
 * The State's bloc-marque at the head of page 1: the Marianne, « RÉPUBLIQUE FRANÇAISE » on two
 * lines, the devise, and the ministries of the parties in capitals at the right of the column.
 * The words are text (a reader or a search finds them); the Marianne and the devise are drawn.
 */
export function blocMarqueFlowable(ministries: readonly string[], ctx: BlockContext): Flowable {
  const boxes: Box[] = [];
  let y = 0;
  // Read as one figure (the emblem with its words) and the ministries as a paragraph each.
  const figure = structNode('Figure', undefined, 'Marianne, République française, Liberté Égalité Fraternité');
  const marianneHeight = MARIANNE_WIDTH * MARIANNE_RATIO;
  boxes.push({ kind: 'artwork', art: 'marianne', x: ctx.x, y, width: MARIANNE_WIDTH, height: marianneHeight, node: figure });
  y += marianneHeight + GAP;
  for (const word of ['RÉPUBLIQUE', 'FRANÇAISE']) {
    for (const slot of tagSlots(paragraphSlots(plain(word, 'bold'), ctx.x, ctx.width / 2, NAME, ctx), figure)) {
      for (const b of slot.boxes) boxes.push(shiftBox(b, 0, y));
      y += slot.height;
    }
  }
  y += GAP;
  const deviseHeight = DEVISE_WIDTH * DEVISE_RATIO;
  boxes.push({ kind: 'artwork', art: 'devise', x: ctx.x, y, width: DEVISE_WIDTH, height: deviseHeight, node: figure });
  y += deviseHeight;

  let right = 0;
  const x = ctx.x + ctx.width - MINISTRY_WIDTH;
  ministries.map((m) => m.trim()).filter((m) => m !== '').forEach((m, i) => {
    if (i > 0) right += MINISTRY_GAP;
    for (const slot of tagSlots(paragraphSlots(plain(m.toLocaleUpperCase('fr'), 'bold'), x, MINISTRY_WIDTH, MINISTRY, ctx), structNode('P'))) {
      for (const b of slot.boxes) boxes.push(shiftBox(b, 0, right));
      right += slot.height;
    }
  });
  return new LinesFlowable([{ height: Math.max(y, right), boxes }], { keepTogether: true, spaceAfter: 18 });
}
