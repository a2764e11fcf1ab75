import { describe, expect, it } from 'vitest';
import { withPresentation } from '../../../../../renderer/wizard/steps/presentation';
import { getTemplate } from '../../../../../shared/templates/index';
import { presentationOf } from '../../../../../shared/model/convention';

const camino = () => getTemplate('exemple-camino-2020')!.build();

describe('« Mise en forme » choices', () => {
  it('sets each choice and leaves the others', () => {
    const c = withPresentation(withPresentation(camino(), { firstArticle: '1er' }), { hyphenation: true });
    expect(c.presentation).toEqual({ firstArticle: '1er', hyphenation: true });
    expect(presentationOf(withPresentation(c, { amountsInWords: true }))).toEqual({ firstArticle: '1er', hyphenation: true, amountsInWords: true });
  });

  it('checking then unchecking gives back the same content', () => {
    const base = camino();
    const back = withPresentation(withPresentation(base, { amountsInWords: true }), { amountsInWords: false });
    expect(back).toEqual(base);
    expect('presentation' in back).toBe(false);
  });

  it('keeps the bloc-marque and an explicit « Article 1 »', () => {
    const c = { ...camino(), presentation: { blocMarque: { ministries: ['Ministère de la transition écologique'] } } };
    const next = withPresentation(c, { firstArticle: '1', hyphenation: false });
    expect(next.presentation).toEqual({ blocMarque: { ministries: ['Ministère de la transition écologique'] }, firstArticle: '1' });
  });
});
