import type { CardKeyRefDto, CardModuleDto } from '../../shared/ipc/channels/pkcs11';

/** Who signs with which card, as the PIN dialog words it. */
export interface PinRequest {
  readonly holder: string;
  readonly tokenLabel: string;
  /** The reader has its own keypad: no PIN is typed here. */
  readonly protectedAuthPath: boolean;
  readonly pin: { readonly countLow?: boolean; readonly finalTry?: boolean };
}

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
