/**
 * French messages for what a card or its middleware can answer. A PIN never appears in them:
 * the details carry only the PKCS#11 return code's name (`CKR_…`), for the log and the tests.
 */
import { UserError } from '../../../shared/errors';

/** What the token's flags said about the PIN at the time of the error. */
export interface PinState {
  readonly countLow?: boolean;
  readonly finalTry?: boolean;
  readonly locked?: boolean;
}

/** The PKCS#11 return code's name of an error thrown by pkcs11js (`CKR_PIN_INCORRECT`), if any. */
export function ckrOf(e: unknown): string | undefined {
  const m = /^(CKR_[A-Z0-9_]+)/.exec((e as { message?: unknown } | undefined)?.message?.toString() ?? '');
  return m?.[1];
}

/** Codes a card answers when it was pulled out, its reader unplugged or its module unloaded. */
const GONE = new Set([
  'CKR_DEVICE_REMOVED', 'CKR_TOKEN_NOT_PRESENT', 'CKR_SESSION_HANDLE_INVALID', 'CKR_SESSION_CLOSED',
  'CKR_CRYPTOKI_NOT_INITIALIZED', 'CKR_DEVICE_ERROR', 'CKR_TOKEN_NOT_RECOGNIZED', 'CKR_SLOT_ID_INVALID',
  'CKR_OBJECT_HANDLE_INVALID', 'CKR_KEY_HANDLE_INVALID', 'CKR_USER_NOT_LOGGED_IN',
]);

/** The card was removed (or its middleware stopped) during the operation. */
export function cardGone(ckr?: string): UserError {
  return new UserError('PKCS11_CARD_REMOVED', 'La carte a été retirée (ou le lecteur débranché) pendant l’opération : rebranchez-la, attendez que son voyant soit fixe, puis recommencez. Aucun fichier n’a été écrit.', ckr ? { ckr } : undefined);
}

/** The card is locked: too many wrong PINs, or blocked by its administrator. */
export function pinLocked(ckr?: string): UserError {
  return new UserError('PKCS11_PIN_LOCKED', 'Carte bloquée : contactez votre correspondant (autorité d’enregistrement ou support informatique) pour la débloquer. Aucun document n’a été signé.', ckr ? { ckr } : undefined);
}

/** A wrong PIN, saying how many tries remain when the token tells. */
export function pinIncorrect(state: PinState): UserError {
  const tries = state.finalTry
    ? ' : il ne reste qu’un essai avant le blocage de la carte. Vérifiez votre code avant de réessayer, ou contactez votre correspondant.'
    : state.countLow
      ? ' : il reste peu d’essais avant le blocage de la carte. Vérifiez votre code avant de réessayer.'
      : '. Vérifiez-le et réessayez : après plusieurs erreurs, la carte se bloque.';
  return new UserError('PKCS11_PIN_INCORRECT', `Code PIN incorrect${tries} Aucun document n’a été signé.`, {
    ckr: 'CKR_PIN_INCORRECT',
    ...(state.finalTry ? { triesLeft: 1 } : state.countLow ? { triesLeft: 'low' } : {}),
  });
}

/**
 * Turns an error of a PKCS#11 call into a UserError with a French message; `pin` tells what
 * the token's flags say now (read after a failed login). Anything not from the card is returned as is.
 */
export function translate(e: unknown, what: string, pin?: () => PinState): unknown {
  if (e instanceof UserError) return e;
  const ckr = ckrOf(e);
  // pkcs11js once its module was finalized and unloaded (closeModule after a removal).
  if (!ckr && /module not loaded/i.test(String((e as Error)?.message))) return cardGone();
  if (!ckr) return e;
  if (ckr === 'CKR_PIN_INCORRECT') return pinIncorrect(safe(pin));
  if (ckr === 'CKR_PIN_LOCKED') return pinLocked(ckr);
  if (ckr === 'CKR_PIN_LEN_RANGE' || ckr === 'CKR_PIN_INVALID') {
    return new UserError('PKCS11_PIN_FORMAT', 'Ce code PIN n’a pas le format attendu par la carte (longueur ou caractères). Vérifiez-le et réessayez. Aucun document n’a été signé.', { ckr });
  }
  if (ckr === 'CKR_PIN_EXPIRED') {
    return new UserError('PKCS11_PIN_EXPIRED', 'Le code PIN de cette carte a expiré : changez-le avec l’outil fourni avec votre carte, puis signez de nouveau.', { ckr });
  }
  if (ckr === 'CKR_FUNCTION_CANCELED') {
    return new UserError('PKCS11_CANCELLED', 'Saisie du code annulée sur le lecteur : rien n’a été signé. Recommencez quand vous le souhaitez.', { ckr });
  }
  if (GONE.has(ckr)) return cardGone(ckr);
  return new UserError('PKCS11_FAILED', `La carte a refusé l’opération (${what} : ${ckr}). Retirez-la, rebranchez-la puis réessayez ; si l’erreur persiste, contactez votre correspondant. Aucun fichier n’a été écrit.`, { ckr });
}

function safe(pin?: () => PinState): PinState {
  try {
    return pin?.() ?? {};
  } catch {
    return {};
  }
}
