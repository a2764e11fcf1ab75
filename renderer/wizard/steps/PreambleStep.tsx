import { useCallback } from 'react';
import type { Block } from '../../../shared/model/blocks';
import { GroupFindings, TextField } from '../components/Fields';
import { RichTextEditor } from '../editor/RichTextEditor';
import { fieldId } from '../model/steps';
import type { StepProps } from './step-props';

/** Step 4: the preamble's paragraphs and lists, and the formula that opens the articles. */
export function PreambleStep({ convention: c, edit }: StepProps) {
  const onChange = useCallback((preamble: Block[]) => edit((d) => ({ ...d, preamble }), 'preamble'), [edit]);
  return (
    <div>
      <GroupFindings path="preamble" />
      <p className="fr-label" id="preamble-label">Préambule</p>
      <p className="fr-hint-text">Le contexte de la convention, avant les articles. Facultatif.</p>
      <RichTextEditor id={fieldId('preamble')} label="Texte du préambule" value={c.preamble} onChange={onChange} />
      <TextField
        path="agreementFormula"
        label="Formule d’introduction des articles"
        value={c.agreementFormula}
        onChange={(v) => edit((d) => ({ ...d, agreementFormula: v }), 'agreementFormula')}
      />
    </div>
  );
}
