import type { Signatory } from '../../../shared/model/convention';
import { signatoryMention } from '../../../shared/rules/numbering';
import { GroupFindings, SelectField, TextField } from '../components/Fields';
import { ReorderableList } from '../components/ReorderableList';
import { move, newId, removeAt, updateAt } from '../model/list-ops';
import { partyName } from './PartiesStep';
import type { StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';
import { usePartiesText } from '../../i18n/parties-messages';

/** Step 9: who signs, in signing order, for which party. */
export function SignatoriesStep({ convention: c, edit }: StepProps) {
  const t = useWizardText();
  const tp = usePartiesText();
  const parties = c.parties.map((p, i) => ({ value: p.id, label: partyName(p, i, t) }));
  const editSig = (i: number, recipe: (s: Signatory) => Signatory, key?: string) => edit((d) => ({ ...d, signatories: updateAt(d.signatories, i, recipe) }), key);
  const add = () =>
    edit((d) => {
      // Propose the first party that has no signatory yet, with its first representative.
      const party = d.parties.find((p) => !d.signatories.some((s) => s.partyId === p.id)) ?? d.parties[0];
      const rep = party?.representatives[0];
      return { ...d, signatories: [...d.signatories, { id: newId('signataire'), partyId: party?.id ?? '', name: rep?.name ?? '', title: rep?.title ?? '' }] };
    });
  return (
    <div>
      <p className="fr-text--sm">{t.signatoriesHelp}</p>
      <GroupFindings path="signatories" />
      <ReorderableList
        label={t.signatoriesList}
        items={c.signatories}
        getKey={(s) => s.id}
        itemLabel={(s, i) => t.signatoryItem(i + 1, s.name.trim())}
        onMove={(from, to) => edit((d) => ({ ...d, signatories: [...move(d.signatories, from, to)] }))}
        onRemove={(i) => edit((d) => ({ ...d, signatories: removeAt(d.signatories, i) }))}
        renderItem={(s, i) => {
          const at = `signatories[${i}]`;
          const party = c.parties.find((p) => p.id === s.partyId);
          return (
            <div className="paraphe-box">
              <p className="fr-text--bold">{t.signatureN(i + 1)}</p>
              <SelectField path={`${at}.partyId`} label={t.signatoryParty(i + 1)} value={party ? s.partyId : ''} placeholder={t.chooseParty} options={parties} onChange={(partyId) => editSig(i, (x) => ({ ...x, partyId }))} />
              <div className="fr-grid-row fr-grid-row--gutters">
                <div className="fr-col-12 fr-col-md-6">
                  <TextField path={`${at}.name`} label={t.signatoryName(i + 1)} value={s.name} onChange={(name) => editSig(i, (x) => ({ ...x, name }), `${s.id}.name`)} />
                </div>
                <div className="fr-col-12 fr-col-md-6">
                  <TextField path={`${at}.title`} label={t.signatoryTitle(i + 1)} value={s.title} onChange={(title) => editSig(i, (x) => ({ ...x, title }), `${s.id}.title`)} />
                </div>
              </div>
              <TextField
                path={`${at}.mention`}
                label={t.mention}
                hint={`${t.mentionHint(signatoryMention(undefined, party) || 'Le délégant,')}. ${tp.mentionExamples}`}
                value={s.mention ?? ''}
                onChange={(mention) => editSig(i, (x) => ({ ...x, mention: mention || undefined }), `${s.id}.mention`)}
              />
            </div>
          );
        }}
      />
      <button type="button" className="fr-btn fr-btn--secondary" onClick={add}>
        {t.addSignatory}
      </button>
    </div>
  );
}
