import { useCallback } from 'react';
import type { Block } from '../../../shared/model/blocks';
import { GroupFindings, TextField } from '../components/Fields';
import { RichTextEditor } from '../editor/RichTextEditor';
import { fieldId } from '../model/steps';
import type { StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';

/** Step 4: the preamble's paragraphs and lists, and the formula that opens the articles. */
export function PreambleStep({ convention: c, edit }: StepProps) {
  const t = useWizardText();
  const onChange = useCallback((preamble: Block[]) => edit((d) => ({ ...d, preamble }), 'preamble'), [edit]);
  return (
    <div>
      <GroupFindings path="preamble" />
      <p className="fr-label" id="preamble-label">{t.preamble}</p>
      <p className="fr-hint-text">{t.preambleHint}</p>
      <RichTextEditor id={fieldId('preamble')} label={t.preambleText} value={c.preamble} onChange={onChange} />
      <TextField
        path="agreementFormula"
        label={t.agreementFormula}
        value={c.agreementFormula}
        onChange={(v) => edit((d) => ({ ...d, agreementFormula: v }), 'agreementFormula')}
      />
    </div>
  );
}
