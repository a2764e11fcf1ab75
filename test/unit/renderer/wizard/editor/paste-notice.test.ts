import { describe, expect, it } from 'vitest';
import { wizardMessages } from '../../../../../renderer/i18n/wizard-messages';

describe('what a paste could not keep, said in French and English', () => {
  it('names each loss, agrees in number, and says where a table went', () => {
    const fr = wizardMessages.fr.pasteDropped;
    expect(fr(['underline', 'link'])).toBe('Le soulignement et les liens ne sont pas conservés (le texte est gardé).');
    expect(fr(['underline'])).toBe('Le soulignement n’est pas conservé (le texte est gardé).');
    expect(fr(['footnote'])).toBe('Les appels de note ne sont pas conservés (le texte est gardé).');
    expect(fr(['underline', 'link', 'footnote', 'strike', 'image'])).toBe(
      'Le soulignement, les liens, les appels de note, le texte barré et les images ne sont pas conservés (le texte est gardé).',
    );
    expect(fr(['table-moved'])).toBe('Le tableau collé dans la liste est placé après elle : une liste ne contient pas de tableau.');
    const en = wizardMessages.en.pasteDropped;
    expect(en(['underline'])).toBe('Underline is not kept (the text is).');
    expect(en(['link', 'table-moved'])).toBe('Links are not kept (the text is). The table pasted inside the list is placed after it: a list holds no table.');
  });
});
