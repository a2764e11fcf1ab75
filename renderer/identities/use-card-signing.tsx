import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CardKeyRefDto, CardModuleDto } from '../../shared/ipc/channels/pkcs11';
import { api, unwrap } from '../api';
import { useI18n } from '../i18n/I18nProvider';
import { cardsMessages } from './cards-messages';
import { PinModal, type PinRequest } from './PinModal';

/** A card key the identity picker offers: what to send to main, what to show, what the PIN dialog says. */
export interface CardChoice {
  /** `moduleId:token:keyId`, unique among the choices. */
  readonly value: string;
  readonly text: string;
  readonly ref: CardKeyRefDto;
  readonly request: PinRequest;
}

/** The card keys that can sign now: a certificate, a key (or one the PIN will show), a card not locked. */
export function cardChoices(modules: readonly CardModuleDto[]): CardChoice[] {
  const out: CardChoice[] = [];
  for (const mod of modules) {
    for (const t of mod.tokens) {
      if (t.pin.locked) continue;
      for (const i of t.identities) {
        if (!i.canSign || !i.certificate) continue;
        const holder = i.certificate.commonName;
        out.push({
          value: `${mod.id}:${t.token}:${i.keyId}`,
          text: `${holder}${i.certificate.organization ? ` (${i.certificate.organization})` : ''} — « ${t.label} »`,
          ref: { moduleId: mod.id, token: t.token, keyId: i.keyId },
          request: { holder, tokenLabel: t.label, protectedAuthPath: t.protectedAuthPath, pin: t.pin },
        });
      }
    }
  }
  return out;
}

/**
 * What a signing form needs for cards: the card keys to offer in the IdentityPicker, and
 * `askPin(card)`, which opens the PIN dialog and resolves to the PIN typed (undefined for a
 * reader with a keypad, null when cancelled). The form sends that PIN once, with its signing
 * call, and keeps it nowhere. Render `modal` once in the form.
 */
export function useCardSigning(): {
  cards: readonly CardChoice[];
  refresh: () => Promise<void>;
  askPin: (card: CardChoice) => Promise<string | undefined | null>;
  modal: ReactNode;
  texts: { cardGroup: string; fileGroup: string };
} {
  const { lang } = useI18n();
  const m = cardsMessages[lang];
  const [cards, setCards] = useState<readonly CardChoice[]>([]);
  const [request, setRequest] = useState<PinRequest | null>(null);
  const answer = useRef<((pin: string | undefined | null) => void) | null>(null);

  const refresh = useCallback(async () => {
    try {
      setCards(cardChoices(await unwrap(api().pkcs11List({}))));
    } catch {
      // No card software or no card: the picker offers the imported identities only.
      setCards([]);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const settle = (pin: string | undefined | null) => {
    const resolve = answer.current;
    answer.current = null;
    setRequest(null);
    resolve?.(pin);
  };
  const askPin = useCallback((card: CardChoice) => {
    answer.current?.(null);
    return new Promise<string | undefined | null>((resolve) => {
      answer.current = resolve;
      setRequest(card.request);
    });
  }, []);

  return {
    cards,
    refresh,
    askPin,
    modal: <PinModal request={request} m={m} onSubmit={(pin) => settle(pin)} onCancel={() => settle(null)} />,
    texts: { cardGroup: m.cardGroup, fileGroup: m.fileGroup },
  };
}
