import './verify.css';
import { useEffect, useState } from 'react';
import type { IdentityInfoDto } from '../../shared/ipc/channels/signing';
import { useI18n } from '../i18n/I18nProvider';
import { SignatureReportView } from './SignatureReportView';
import { useVerifyPdf, type OpenedPdf, type VerifyView } from './use-verify-pdf';
import { verifyMessages, type VerifyMessages } from './verify-messages';
import { OpenPdfHeader } from '../common/OpenPdfHeader';

/** « Vérifier un PDF », wired to main: the hook holds the IPC, the screen only shows. */
export function VerifyPdfPage(props: { onBack: () => void }) {
  const { lang } = useI18n();
  const { view, open, countersign, extend } = useVerifyPdf();
  return <VerifyPdfScreen m={verifyMessages[lang]} view={view} onOpen={() => void open()} onCountersign={countersign} onExtend={() => void extend()} onBack={props.onBack} />;
}

/** Opens any PDF through main's dialog, shows its report and fields, extends its validity, and counter-signs it. */
export function VerifyPdfScreen(props: {
  m: VerifyMessages;
  view: VerifyView;
  onOpen: () => void;
  onCountersign: (identityId: string, password: string) => Promise<boolean | undefined>;
  onExtend: () => void;
  onBack: () => void;
}) {
  const { m, view } = props;
  const opened = view.opened;
  return (
    <>
      <OpenPdfHeader heading={m.heading} back={m.back} onBack={props.onBack} intro={m.intro} openLabel={m.choose} openingLabel={m.opening}
        busy={view.busy} opening={view.busy && !opened} onOpen={props.onOpen} error={view.error} />
      <div role="status" className={view.done ? 'fr-alert fr-alert--sm fr-mb-3w ' + (view.done.kind === 'countersigned' ? (view.done.notice ? 'fr-alert--warning' : 'fr-alert--success') : view.done.kind === 'extended' ? 'fr-alert--success' : 'fr-alert--info') : undefined}>
        {view.done ? (
          <p>
            {view.done.kind === 'countersigned' ? m.countersigned(view.done.fileName, view.done.signer)
              : view.done.kind === 'extended' ? m.extended(view.done.fileName, view.done.time, view.done.authority)
              : m.cancelled}
          </p>
        ) : null}
        {view.done?.kind === 'countersigned' && view.done.level ? <p className="fr-text--sm">{m.signedAtLevel(view.done.level)}</p> : null}
        {/* The settings' level could not be reached (no TSA answer): said with the outcome. */}
        {view.done?.kind === 'countersigned' && view.done.notice ? <p className="fr-text--sm fr-text--bold" lang="fr">{view.done.notice}</p> : null}
      </div>
      {opened ? (
        <>
          <p className="fr-text--lead" data-testid="verify-file">{m.file(opened.fileName)}</p>
          <SignatureReportView m={m} report={opened.report} />
          {opened.report.verdict === 'valid' || opened.report.verdict === 'untrusted' ? (
            <ExtendBox m={m} untrusted={opened.report.verdict === 'untrusted'} busy={view.busy} onExtend={props.onExtend} />
          ) : null}
          {/* A document timestamp's field is no one's to sign: it is listed with the report above. */}
          <FieldsTable m={m} fields={opened.fields.filter((f) => !opened.report.documentTimestamps.some((t) => t.field === f.name))} />
          <CountersignForm m={m} identities={view.identities} busy={view.busy} onCountersign={props.onCountersign} />
        </>
      ) : null}
    </>
  );
}

/**
 * « Prolonger la validité » for a file that verifies (or whose only fault is an authority not
 * in the trust list: main then says what to add). Main asks where to save, then the network.
 */
function ExtendBox(props: { m: VerifyMessages; untrusted: boolean; busy: boolean; onExtend: () => void }) {
  const { m } = props;
  // « en cours » on this button only when this action runs (the screen is busy for the others too).
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!props.busy) setAsked(false);
  }, [props.busy]);
  return (
    <section className="paraphe-verify-box" aria-labelledby="extend-heading">
      <h2 id="extend-heading" className="fr-h4">{m.extendHeading}</h2>
      <p>{m.extendIntro}</p>
      {props.untrusted ? <p className="fr-text--sm">{m.extendUntrusted}</p> : null}
      <button type="button" className="fr-btn fr-btn--secondary fr-icon-time-line fr-btn--icon-left" disabled={props.busy} onClick={() => { setAsked(true); props.onExtend(); }}>
        {props.busy && asked ? m.extending : m.extend}
      </button>
    </section>
  );
}

function FieldsTable(props: { m: VerifyMessages; fields: OpenedPdf['fields'] }) {
  const { m } = props;
  if (props.fields.length === 0) return <p>{m.noFields}</p>;
  return (
    <div className="fr-table fr-table--no-caption-bottom">
      <table>
        <caption>{m.fieldsCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.fieldOrder}</th>
            <th scope="col">{m.fieldName}</th>
            <th scope="col">{m.fieldSignatory}</th>
            <th scope="col">{m.fieldState}</th>
          </tr>
        </thead>
        <tbody>
          {props.fields.map((f) => (
            <tr key={f.name}>
              <td>{f.order ?? ''}</td>
              <th scope="row">{f.name}</th>
              <td>{f.signatoryName ?? ''}{f.party ? `, ${f.party}` : ''}</td>
              <td>
                <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${f.signed ? 'fr-badge--success' : ''}`}>{f.signed ? m.signed : m.toSign}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountersignForm(props: {
  m: VerifyMessages;
  identities: readonly IdentityInfoDto[];
  busy: boolean;
  onCountersign: (identityId: string, password: string) => Promise<boolean | undefined>;
}) {
  const { m, identities } = props;
  const [identityId, setIdentityId] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    if (!identityId && identities[0]) setIdentityId(identities[0].id);
  }, [identities, identityId]);
  return (
    <form
      className="paraphe-verify-box"
      aria-labelledby="countersign-heading"
      onSubmit={(e) => {
        e.preventDefault();
        void props.onCountersign(identityId, password).then((ok) => ok && setPassword(''));
      }}
    >
      <h2 id="countersign-heading" className="fr-h4">{m.countersignHeading}</h2>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor="contresigner-identite">{m.identity}</label>
        <select id="contresigner-identite" className="fr-select" value={identityId} onChange={(e) => setIdentityId(e.target.value)} required>
          <option value="" disabled>{identities.length ? m.chooseIdentity : m.noIdentity}</option>
          {identities.map((i) => (
            <option key={i.id} value={i.id}>
              {i.certificate.commonName}
              {i.certificate.organization ? ` (${i.certificate.organization})` : ''}
              {i.isTest ? m.testIdentity : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor="contresigner-mot-de-passe">{m.password}</label>
        <input id="contresigner-mot-de-passe" className="fr-input" type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </div>
      <button type="submit" className="fr-btn" disabled={props.busy || !identityId || !password}>
        {props.busy ? m.countersigning : m.countersign}
      </button>
    </form>
  );
}
