import { useEffect } from 'react';
import type { IdentityInfoDto } from '../../shared/ipc/channels/signing';

/** The words of the picker, in the interface language. */
export interface IdentityPickerTexts {
  readonly identity: string;
  readonly chooseIdentity: string;
  readonly noIdentity: string;
  readonly testIdentitySuffix: string;
  readonly identityPassword: string;
}

/** Which identity signs, and the password that opens it (used once by main, never kept). */
export interface IdentityChoice {
  readonly identityId: string;
  readonly password: string;
}

/**
 * « Which identity signs »: the one place where a signatory picks the identity to sign with
 * and types what unlocks it. Every signing form (the wizard's Signature step, « Signer un
 * document reçu ») uses it, so another kind of identity (an agent card) is added here once.
 */
export function IdentityPicker(props: {
  readonly idPrefix: string;
  readonly identities: readonly IdentityInfoDto[];
  readonly value: IdentityChoice;
  readonly onChange: (value: IdentityChoice) => void;
  readonly texts: IdentityPickerTexts;
}) {
  const { identities, value, onChange, texts, idPrefix } = props;
  // The first identity is chosen when none is (or when the chosen one was removed).
  useEffect(() => {
    if (identities.length > 0 && !identities.some((i) => i.id === value.identityId)) onChange({ ...value, identityId: identities[0]!.id });
  }, [identities, value, onChange]);
  return (
    <>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${idPrefix}-identite`}>{texts.identity}</label>
        <select id={`${idPrefix}-identite`} className="fr-select" value={value.identityId} onChange={(e) => onChange({ ...value, identityId: e.target.value })} required>
          <option value="" disabled>
            {identities.length ? texts.chooseIdentity : texts.noIdentity}
          </option>
          {identities.map((i) => (
            <option key={i.id} value={i.id}>
              {i.certificate.commonName}
              {i.certificate.organization ? ` (${i.certificate.organization})` : ''}
              {i.isTest ? texts.testIdentitySuffix : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${idPrefix}-mot-de-passe`}>{texts.identityPassword}</label>
        <input id={`${idPrefix}-mot-de-passe`} className="fr-input" type="password" autoComplete="off" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} required />
      </div>
    </>
  );
}

/** True when the choice can be submitted. */
export const identityChosen = (c: IdentityChoice): boolean => c.identityId !== '' && c.password !== '';
