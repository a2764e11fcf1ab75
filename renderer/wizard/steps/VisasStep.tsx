import { GroupFindings, TextField } from '../components/Fields';
import { ReorderableList } from '../components/ReorderableList';
import { move, newId, removeAt, updateAt } from '../model/list-ops';
import { fieldId } from '../model/steps';
import type { StepProps } from './step-props';

/** Step 3: the ordered legal references (« Vu le décret n°2004-1085 … »). */
export function VisasStep({ convention: c, edit }: StepProps) {
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
      <p className="fr-text--sm">Dans l’ordre où ils seront imprimés. Déplacez un visa avec ses flèches, avec Alt+↑ / Alt+↓, ou en le glissant par sa poignée ⠿.</p>
      <GroupFindings path="visas" />
      <ReorderableList
        label="Visas de la convention"
        items={c.visas}
        getKey={(v) => v.id}
        itemLabel={(_, i) => `le visa ${i + 1}`}
        onMove={(from, to) => edit((d) => ({ ...d, visas: [...move(d.visas, from, to)] }))}
        onRemove={(i) => edit((d) => ({ ...d, visas: removeAt(d.visas, i) }))}
        renderItem={(v, i) => (
          <TextField
            path={`visas[${i}].text`}
            label={`Visa ${i + 1}`}
            multiline
            value={v.text}
            onChange={(text) => edit((d) => ({ ...d, visas: updateAt(d.visas, i, (x) => ({ ...x, text })) }), `visas.${v.id}`)}
          />
        )}
      />
      <button type="button" className="fr-btn fr-btn--secondary" onClick={add}>
        Ajouter un visa
      </button>
    </div>
  );
}
