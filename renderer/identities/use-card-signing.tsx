import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { api, unwrap } from '../api';
import { useI18n } from '../i18n/I18nProvider';
import { cardsMessages } from './cards-messages';
import { cardChoices, type CardChoice } from './card-choices';
import { PinModal, type PinRequest } from './PinModal';

export type { CardChoice } from './card-choices';

/** What {@link useCardSigning} gives a signing form. */
export interface CardSigning {
  readonly cards: readonly CardChoice[];
  readonly refresh: () => Promise<void>;
  readonly askPin: (card: CardChoice) => Promise<string | undefined | null>;
  readonly modal: ReactNode;
  readonly texts: { readonly cardGroup: string; readonly fileGroup: string };
}

/**
 * What a signing form needs for cards: the card keys to offer in the IdentityPicker, and
 * `askPin(card)`, which opens the PIN dialog and resolves to the PIN typed (undefined for a
 * reader with a keypad, null when cancelled). The form sends that PIN once, with its signing
 * call, and keeps it nowhere. Render `modal` once in the form.
 */
export function useCardSigning(): CardSigning {
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
