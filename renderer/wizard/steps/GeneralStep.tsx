import type { Convention } from '../../../shared/model/convention';
import { formatDate, isValidIsoDate } from '../../../shared/rules/format';
import { SelectField, TextField, GroupFindings } from '../components/Fields';
import type { StepProps } from './step-props';

type Kind = Convention['kind'];

/** Step 1: kind (and, for an avenant, what it amends), titles, place, date, originals. */
export function GeneralStep({ convention: c, edit }: StepProps) {
  const set = <K extends keyof Convention>(key: K, value: Convention[K]) => edit((d) => ({ ...d, [key]: value }), key);
  const setKind = (kind: Kind) =>
    edit((d) => ({
      ...d,
      kind,
      avenant: kind === 'avenant' ? (d.avenant ?? { number: 1, base: { title: '' } }) : undefined,
    }));
  const avenant = c.avenant;
  return (
    <div>
      <SelectField<Kind>
        path="kind"
        label="Nature de l’acte"
        value={c.kind}
        options={[
          { value: 'convention', label: 'Convention' },
          { value: 'avenant', label: 'Avenant à une convention' },
        ]}
        onChange={setKind}
      />
      {c.kind === 'avenant' ? (
        <fieldset className="fr-fieldset paraphe-box">
          <legend className="fr-fieldset__legend">Convention modifiée par l’avenant</legend>
          <GroupFindings path="avenant" />
          <TextField
            path="avenant.number"
            label="Numéro de l’avenant"
            type="number"
            min={1}
            value={String(avenant?.number ?? 1)}
            onChange={(v) => {
              const n = Number.parseInt(v, 10);
              if (Number.isInteger(n) && n > 0) edit((d) => ({ ...d, avenant: { base: d.avenant?.base ?? { title: '' }, number: n } }), 'avenant.number');
            }}
          />
          <TextField
            path="avenant.base.title"
            label="Intitulé de la convention modifiée"
            value={avenant?.base.title ?? ''}
            onChange={(v) => edit((d) => ({ ...d, avenant: { number: d.avenant?.number ?? 1, base: { ...d.avenant?.base, title: v } } }), 'avenant.base.title')}
          />
          <TextField
            path="avenant.base.date"
            label="Date de la convention modifiée"
            type="date"
            value={avenant?.base.date ?? ''}
            onChange={(v) =>
              edit((d) => ({ ...d, avenant: { number: d.avenant?.number ?? 1, base: { ...(d.avenant?.base ?? { title: '' }), date: v || undefined } } }), 'avenant.base.date')
            }
          />
        </fieldset>
      ) : null}
      <TextField path="title" label="Intitulé" hint="Tel qu’il figure en page de garde, ex. « Convention de délégation de gestion »." value={c.title} multiline onChange={(v) => set('title', v)} />
      <TextField path="shortTitle" label="Titre court" hint="Figure en pied de page et dans la liste des conventions." value={c.shortTitle} onChange={(v) => set('shortTitle', v)} />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-5">
          <TextField path="place" label="Lieu de signature" hint="« Fait à … »" value={c.place} onChange={(v) => set('place', v)} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <TextField
            path="date"
            label="Date"
            hint={isValidIsoDate(c.date) ? `Imprimée « ${formatDate(c.date)} ».` : 'Choisissez une date.'}
            type="date"
            value={c.date}
            onChange={(v) => set('date', v)}
          />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <TextField
            path="originals"
            label="Nombre d’originaux"
            type="number"
            min={1}
            max={99}
            value={String(c.originals)}
            onChange={(v) => {
              const n = Number.parseInt(v, 10);
              if (Number.isInteger(n) && n >= 1 && n <= 99) set('originals', n);
            }}
          />
        </div>
      </div>
    </div>
  );
}
