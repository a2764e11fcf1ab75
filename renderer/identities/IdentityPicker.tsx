import { useEffect } from 'react';
import type { IdentityInfoDto } from '../../shared/ipc/channels/signing';
import { sameSigner } from '../../shared/rules/signer-name';
import type { CardChoice } from './card-choices';

/** The words of the picker, in the interface language. */
export interface IdentityPickerTexts {
  readonly identity: string;
  readonly chooseIdentity: string;
  readonly noIdentity: string;
  readonly testIdentitySuffix: string;
  readonly identityPassword: string;
  /** Said when the chosen certificate is in another name than the signatory's (see sameSigner). */
  readonly otherHolder: (holder: string, expected: string) => string;
}

/** Which identity signs, and the password that opens it (used once by main, never kept). */
export interface IdentityChoice {
  readonly identityId: string;
  readonly password: string;
  /** A card key instead of an imported .p12: its PIN is asked in a dialog when signing. */
  readonly card?: CardChoice;
}

/** The words of the card options (« Cartes et jetons » group, « Certificats importés » group). */
export interface CardPickerTexts {
  readonly cardGroup: string;
  readonly fileGroup: string;
}

const CARD = 'card:';

/**
 * « Which identity signs »: the one place where a signatory picks the identity to sign with
 * and types what unlocks it. Every signing form (the wizard's Signature step, « Signer un
 * document reçu ») uses it. Card keys (given in `cards`) are listed in their own group; for
 * them no password is typed here: the form asks the PIN in the card's dialog when it signs.
 */
export function IdentityPicker(props: {
  readonly idPrefix: string;
  readonly identities: readonly IdentityInfoDto[];
  readonly value: IdentityChoice;
  readonly onChange: (value: IdentityChoice) => void;
  readonly texts: IdentityPickerTexts;
  /** The card keys that can sign now (see useCardSigning); none when absent. */
  readonly cards?: readonly CardChoice[];
  readonly cardTexts?: CardPickerTexts;
  /** The name of the signatory whose field this signs: a certificate in another name is pointed out. */
  readonly expectedName?: string;
}) {
  const { identities, value, onChange, texts, idPrefix } = props;
  const cards = props.cards ?? [];
  // The first identity is chosen when none is (or when the chosen one was removed, or its card taken out).
  useEffect(() => {
    if (value.card ? cards.some((c) => c.value === value.card!.value) : identities.some((i) => i.id === value.identityId)) return;
    if (identities.length > 0) onChange({ identityId: identities[0]!.id, password: value.password });
    else if (cards.length > 0) onChange({ identityId: '', password: '', card: cards[0] });
    else if (value.card) onChange({ identityId: '', password: '' });
  }, [identities, cards, value, onChange]);
  const files = identities.map((i) => (
    <option key={i.id} value={i.id}>
      {i.certificate.commonName}
      {i.certificate.organization ? ` (${i.certificate.organization})` : ''}
      {i.isTest ? texts.testIdentitySuffix : ''}
    </option>
  ));
  const choose = (v: string) => {
    if (!v.startsWith(CARD)) return onChange({ identityId: v, password: value.card ? '' : value.password });
    const card = cards.find((c) => `${CARD}${c.value}` === v);
    if (card) onChange({ identityId: '', password: '', card });
  };
  const holder = value.card ? value.card.request.holder : identities.find((i) => i.id === value.identityId)?.certificate.commonName;
  const other = holder !== undefined && props.expectedName !== undefined && !sameSigner(props.expectedName, holder);
  return (
    <>
      <div className="fr-select-group">
        <label className="fr-label" htmlFor={`${idPrefix}-identite`}>{texts.identity}</label>
        <select id={`${idPrefix}-identite`} className="fr-select" value={value.card ? `${CARD}${value.card.value}` : value.identityId} onChange={(e) => choose(e.target.value)} required>
          <option value="" disabled>
            {identities.length + cards.length ? texts.chooseIdentity : texts.noIdentity}
          </option>
          {cards.length === 0 || !props.cardTexts ? files : (
            <>
              {identities.length ? <optgroup label={props.cardTexts.fileGroup}>{files}</optgroup> : null}
              <optgroup label={props.cardTexts.cardGroup}>
                {cards.map((c) => (
                  <option key={c.value} value={`${CARD}${c.value}`}>{c.text}</option>
                ))}
              </optgroup>
            </>
          )}
        </select>
      </div>
      {/* Not a refusal: a signatory may sign for another (interim, delegation); said before, not after. */}
      <div aria-live="polite">
        {other ? (
          <div className="fr-alert fr-alert--warning fr-alert--sm paraphe-spaced" data-testid="other-holder">
            <p lang="fr">{texts.otherHolder(holder!, props.expectedName!)}</p>
          </div>
        ) : null}
      </div>
      {value.card ? null : (
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${idPrefix}-mot-de-passe`}>{texts.identityPassword}</label>
          <input id={`${idPrefix}-mot-de-passe`} className="fr-input" type="password" autoComplete="off" value={value.password} onChange={(e) => onChange({ ...value, password: e.target.value })} required />
        </div>
      )}
    </>
  );
}

/** True when the choice can be submitted (a card's PIN is asked afterwards, in its dialog). */
export const identityChosen = (c: IdentityChoice): boolean => c.card !== undefined || (c.identityId !== '' && c.password !== '');
