import type { Entity, Party, PartyRole, Representative } from '../../../shared/model/convention';
import { designationSentence } from '../../../shared/rules/numbering';
import { GroupFindings, SelectField, TextField } from '../components/Fields';
import { insertAt, newId, removeAt, updateAt } from '../model/list-ops';
import type { StepProps } from './step-props';
import { useContext, useEffect, useRef, useState } from 'react';
import { RemovalContext } from '../components/removal-context';
import { useWizardText } from '../../i18n/use-wizard-text';
import { wizardMessages, type WizardMessages } from '../../i18n/wizard-messages';
import { usePartiesText } from '../../i18n/parties-messages';
import { BlocMarqueSection } from './BlocMarqueSection';

const ROLES: readonly PartyRole[] = ['delegant', 'delegataire', 'partie'];

/** « Le délégant : Ministère de la transition écologique » — a party's name in lists and menus. */
export function partyName(p: Party, index: number, t: WizardMessages = wizardMessages.fr): string {
  const entity = p.entities.find((e) => e.name.trim())?.name.trim();
  const role = p.role === 'partie' ? t.partyN(index + 1) : t.roleInName[p.role];
  // The entity is the document's own (French) name; only the separator follows the language.
  return entity ? `${role}${t.colon}${entity}` : role;
}

/** Step 2: each party's role, entities, representatives and designation. */
export function PartiesStep({ convention: c, edit }: StepProps) {
  const t = useWizardText();
  const tp = usePartiesText();
  const roles = ROLES.map((value) => ({ value, label: t.roles[value] }));
  const announceRemoval = useContext(RemovalContext);
  // A party that signatories sign for is removed only once the user confirmed.
  const [confirming, setConfirming] = useState<string | null>(null);
  const removeParty = (id: string) => {
    const i = c.parties.findIndex((p) => p.id === id);
    if (i < 0) return;
    setConfirming(null);
    edit((d) => ({ ...d, parties: d.parties.filter((p) => p.id !== id) }));
    announceRemoval(t.removedF(t.partyN(i + 1)));
  };
  const editParty = (i: number, recipe: (p: Party) => Party, key?: string) =>
    edit((d) => ({ ...d, parties: updateAt(d.parties, i, recipe) }), key);
  const addParty = () =>
    edit((d) => ({
      ...d,
      parties: insertAt(d.parties, d.parties.length, {
        id: newId('partie'),
        role: d.parties.some((p) => p.role === 'delegant') ? (d.parties.some((p) => p.role === 'delegataire') ? 'partie' : 'delegataire') : 'delegant',
        entities: [{ name: '' }],
        representatives: [{ name: '', title: '' }],
        designations: [''],
        designationGender: 'f',
      }),
    }));
  return (
    <div>
      <GroupFindings path="parties" />
      {c.parties.map((p, i) => {
        const at = `parties[${i}]`;
        const heading = t.partyN(i + 1);
        return (
          <section key={p.id} className="paraphe-box" aria-labelledby={`${p.id}-h`}>
            <div className="paraphe-box__head">
              <h3 id={`${p.id}-h`} className="fr-h5">{partyName(p, i, t)}</h3>
              <button
                type="button"
                className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-danger"
                aria-expanded={c.signatories.some((s) => s.partyId === p.id) ? confirming === p.id : undefined}
                onClick={() => (c.signatories.some((s) => s.partyId === p.id) ? setConfirming(p.id) : removeParty(p.id))}
              >
                {t.removeParty(i + 1)}
              </button>
            </div>
            {confirming === p.id ? (
              <ConfirmRemoveParty
                text={t.partyHasSignatories(
                  c.signatories.filter((s) => s.partyId === p.id).length,
                  c.signatories.flatMap((s, k) => (s.partyId === p.id ? [s.name.trim() || t.signatoryItem(k + 1, '')] : [])).join(', '),
                )}
                confirm={t.confirmRemoveParty(i + 1)}
                keep={t.keepParty(i + 1)}
                onConfirm={() => removeParty(p.id)}
                onKeep={() => setConfirming(null)}
              />
            ) : null}
            <GroupFindings path={at} />
            <div className="fr-grid-row fr-grid-row--gutters">
              <div className="fr-col-12 fr-col-md-6">
                <SelectField<PartyRole> path={`${at}.role`} label={t.partyRole(i + 1)} value={p.role} options={roles} onChange={(role) => editParty(i, (x) => ({ ...x, role }))} />
              </div>
              <div className="fr-col-12 fr-col-md-6">
                <SelectField<'m' | 'f'>
                  path={`${at}.designationGender`}
                  label={t.genderLabel}
                  value={p.designationGender}
                  options={[
                    { value: 'f', label: t.genderF },
                    { value: 'm', label: t.genderM },
                  ]}
                  onChange={(g) => editParty(i, (x) => ({ ...x, designationGender: g }))}
                />
              </div>
            </div>

            <TextField
              path={`${at}.opening`}
              label={tp.opening(i + 1)}
              hint={tp.openingHint}
              value={p.opening ?? ''}
              onChange={(v) => editParty(i, (x) => withOptional(x, 'opening', v), `${at}.opening`)}
            />

            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-text--md">{t.entities(heading)}</legend>
              <GroupFindings path={`${at}.entities`} />
              {p.entities.map((e, j) => (
                <div key={j}>
                <div className="paraphe-row">
                  <SelectField<string>
                    path={`${at}.entities[${j}].determiner`}
                    label={tp.determiner(j + 1)}
                    value={e.determiner ?? ''}
                    options={determinerOptions(e, tp.determinerNone)}
                    onChange={(v) => editParty(i, (x) => ({ ...x, entities: updateAt(x.entities, j, (en) => withOptional(en, 'determiner', v)) }))}
                  />
                  <TextField className="paraphe-row__grow" path={`${at}.entities[${j}].name`} label={t.entityName(j + 1)} value={e.name} onChange={(v) => editParty(i, (x) => ({ ...x, entities: updateAt(x.entities, j, (en) => ({ ...en, name: v })) }), `${at}.entities[${j}].name`)} />
                  <TextField path={`${at}.entities[${j}].acronym`} label={t.acronym} value={e.acronym ?? ''} onChange={(v) => editParty(i, (x) => ({ ...x, entities: updateAt(x.entities, j, (en) => ({ ...en, acronym: v || undefined })) }), `${at}.entities[${j}].acronym`)} />
                  <TextField className="paraphe-row__grow" path={`${at}.entities[${j}].address`} label={t.address} value={e.address ?? ''} onChange={(v) => editParty(i, (x) => ({ ...x, entities: updateAt(x.entities, j, (en) => ({ ...en, address: v || undefined })) }), `${at}.entities[${j}].address`)} />
                  <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={() => editParty(i, (x) => ({ ...x, entities: removeAt(x.entities, j) }))}>
                    {t.removeEntity(j + 1)}
                  </button>
                </div>
                <EntityRepresentatives
                  path={`${at}.entities[${j}]`}
                  entity={e}
                  n={j + 1}
                  party={i + 1}
                  onChange={(reps, key) => editParty(i, (x) => ({ ...x, entities: updateAt(x.entities, j, (en) => withRepresentatives(en, reps)) }), key)}
                />
                </div>
              ))}
              <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => editParty(i, (x) => ({ ...x, entities: [...x.entities, { name: '' }] }))}>
                {t.addEntity(i + 1)}
              </button>
            </fieldset>

            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-text--md">{t.representatives(heading)}</legend>
              <GroupFindings path={`${at}.representatives`} />
              {p.representatives.map((r, j) => (
                <div key={j} className="paraphe-row">
                  <TextField className="paraphe-row__grow" path={`${at}.representatives[${j}].name`} label={t.representativeName(j + 1)} hint={tp.representativeNameHint} value={r.name} onChange={(v) => editParty(i, (x) => ({ ...x, representatives: updateAt(x.representatives, j, (rp) => ({ ...rp, name: v })) }), `${at}.representatives[${j}].name`)} />
                  <TextField className="paraphe-row__grow" path={`${at}.representatives[${j}].title`} label={t.quality} hint={tp.qualityHintFunction} value={r.title} onChange={(v) => editParty(i, (x) => ({ ...x, representatives: updateAt(x.representatives, j, (rp) => ({ ...rp, title: v })) }), `${at}.representatives[${j}].title`)} />
                  <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={() => editParty(i, (x) => ({ ...x, representatives: removeAt(x.representatives, j) }))}>
                    {t.removeRepresentative(j + 1)}
                  </button>
                </div>
              ))}
              <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => editParty(i, (x) => ({ ...x, representatives: [...x.representatives, { name: '', title: '' }] }))}>
                {t.addRepresentative(i + 1)}
              </button>
            </fieldset>

            <fieldset className="fr-fieldset">
              <legend className="fr-fieldset__legend fr-text--md">{t.designations}</legend>
              <GroupFindings path={`${at}.designations`} />
              <TextField
                path={`${at}.designationLead`}
                label={tp.designationLead(i + 1)}
                hint={tp.designationLeadHint}
                value={p.designationLead ?? ''}
                onChange={(v) => editParty(i, (x) => withOptional(x, 'designationLead', v), `${at}.designationLead`)}
              />
              {p.designations.map((name, j) => (
                <div key={j} className="paraphe-row">
                  <TextField className="paraphe-row__grow" path={`${at}.designations[${j}]`} label={t.designationN(j + 1)} hint={t.designationHint} value={name} onChange={(v) => editParty(i, (x) => ({ ...x, designations: updateAt(x.designations, j, () => v) }), `${at}.designations[${j}]`)} />
                  <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={() => editParty(i, (x) => ({ ...x, designations: removeAt(x.designations, j) }))}>
                    {t.removeDesignation(j + 1)}
                  </button>
                </div>
              ))}
              <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => editParty(i, (x) => ({ ...x, designations: [...x.designations, ''] }))}>
                {t.addDesignation(i + 1)}
              </button>
              {designationSentence(p) ? <p className="fr-text--sm paraphe-preview">{t.designationPreview(designationSentence(p))}</p> : null}
            </fieldset>
          </section>
        );
      })}
      <button type="button" className="fr-btn fr-btn--secondary" onClick={addParty}>
        {t.addParty}
      </button>
      <BlocMarqueSection convention={c} edit={edit} />
    </div>
  );
}

/** The articles offered before an entity's name, and the one it has if typed otherwise (an import). */
function determinerOptions(e: Entity, none: string): Array<{ value: string; label: string }> {
  const values = ['', 'La', 'Le', "L'", 'Les'];
  const own = e.determiner ?? '';
  if (!values.includes(own)) values.push(own);
  return values.map((value) => ({ value, label: value || none }));
}

/** A copy with an optional text field set, or removed when left blank (absent prints as before). */
function withOptional<T extends object, K extends keyof T & string>(item: T, key: K, value: string): T {
  const copy = { ...item } as Record<string, unknown>;
  if (value === '') delete copy[key];
  else copy[key] = value;
  return copy as T;
}

/** An entity with its own representatives, the field removed when none is left. */
function withRepresentatives(e: Entity, reps: Representative[]): Entity {
  const { representatives: _old, ...rest } = e;
  return reps.length > 0 ? { ...rest, representatives: reps } : rest;
}

/** An entity's own representatives: name (empty for a function only) and qualité, added and removed by button. */
function EntityRepresentatives(p: { path: string; entity: Entity; n: number; party: number; onChange: (reps: Representative[], key?: string) => void }) {
  const tp = usePartiesText();
  const reps = p.entity.representatives ?? [];
  return (
    <div className="fr-pl-4w fr-mb-2w">
      {reps.length > 0 ? <p className="fr-text--sm fr-mb-1w">{tp.entityRepresentatives(p.n)}</p> : null}
      <GroupFindings path={`${p.path}.representatives`} />
      {reps.map((r, k) => (
        <div key={k} className="paraphe-row">
          <TextField className="paraphe-row__grow" path={`${p.path}.representatives[${k}].name`} label={tp.entityRepresentativeName(p.n, k + 1)} hint={tp.representativeNameHint} value={r.name} onChange={(v) => p.onChange(updateAt(reps, k, (x) => ({ ...x, name: v })), `${p.path}.representatives[${k}].name`)} />
          <TextField className="paraphe-row__grow" path={`${p.path}.representatives[${k}].title`} label={tp.entityRepresentativeTitle(p.n, k + 1)} hint={tp.qualityHintFunction} value={r.title} onChange={(v) => p.onChange(updateAt(reps, k, (x) => ({ ...x, title: v })), `${p.path}.representatives[${k}].title`)} />
          <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-row__action" onClick={() => p.onChange(removeAt(reps, k))}>
            {tp.removeEntityRepresentative(p.n, k + 1)}
          </button>
        </div>
      ))}
      <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-add-line fr-btn--icon-left" title={tp.entityRepresentativesHint} onClick={() => p.onChange([...reps, { name: '', title: '' }])}>
        {tp.addEntityRepresentative(p.n, p.party)}
      </button>
    </div>
  );
}

/** « Un signataire signe pour cette partie… Supprimer quand même ? », focused when it appears. */
function ConfirmRemoveParty(p: { text: string; confirm: string; keep: string; onConfirm: () => void; onKeep: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  // The safe answer takes the focus: Entrée by mistake keeps the party.
  useEffect(() => keep.current?.focus(), []);
  return (
    <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w" role="alert" data-testid="confirm-remove-party">
      <p>{p.text}</p>
      <div className="paraphe-actions fr-mt-1w">
        <button type="button" className="fr-btn fr-btn--sm" onClick={p.onConfirm}>{p.confirm}</button>
        <button ref={keep} type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={p.onKeep}>{p.keep}</button>
      </div>
    </div>
  );
}
