import { GroupFindings, TextField } from '../components/Fields';
import { ReorderableList } from '../components/ReorderableList';
import { move, newId, removeAt, updateAt } from '../model/list-ops';
import { fieldId } from '../model/steps';
import type { StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';

/** Step 3: the ordered legal references (« Vu le décret n°2004-1085 … »). */
export function VisasStep({ convention: c, edit }: StepProps) {
  const t = useWizardText();
  const add = () => {
    const id = newId('visa');
    edit((d) => ({ ...d, visas: [...d.visas, { id, text: 'Vu ' }] }));
    // Focus the new visa once it is on screen, caret at the end.
    requestAnimationFrame(() => {
      const el = document.getElementById(fieldId(`visas[${c.visas.length}].text`)) as HTMLTextAreaElement | null;
      el?.focus();
      el?.setSelectionRange(el.value.length, el.value.length);
    });
  };
  return (
    <div>
      <p className="fr-text--sm">{t.visasHelp}</p>
      <GroupFindings path="visas" />
      <ReorderableList
        label={t.visasList}
        items={c.visas}
        getKey={(v) => v.id}
        itemLabel={(_, i) => t.visaItem(i + 1)}
        onMove={(from, to) => edit((d) => ({ ...d, visas: [...move(d.visas, from, to)] }))}
        onRemove={(i) => edit((d) => ({ ...d, visas: removeAt(d.visas, i) }))}
        renderItem={(v, i) => (
          <TextField
            path={`visas[${i}].text`}
            label={t.visaN(i + 1)}
            multiline
            value={v.text}
            onChange={(typed) => {
              const text = withoutRepeatedVu(typed);
              edit((d) => ({ ...d, visas: updateAt(d.visas, i, (x) => ({ ...x, text })) }), `visas.${v.id}`);
            }}
          />
        )}
      />
      <button type="button" className="fr-btn fr-btn--secondary" onClick={add}>
        {t.addVisa}
      </button>
    </div>
  );
}

/**
 * A new visa already starts with « Vu »: typing or pasting « Vu le décret… » after it must not
 * make « Vu Vu le décret… ». Only a repeated « Vu » followed by a space is merged, so that the
 * word being typed is never cut.
 */
export function withoutRepeatedVu(text: string): string {
  return text.replace(/^(\s*Vu)\s+vu\s+/i, '$1 ');
}
