/**
 * Tokens of a PKCS#11 module: their slots, labels and PIN state, and the certificates they
 * hold paired with their private keys by `CKA_ID` (the convention every middleware follows).
 * Private keys are usually private objects, invisible until the PIN is given: without a login a
 * certificate's key is « unknown », not « absent ».
 */
import { X509Certificate } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { ckrOf, pinLocked, translate, type PinState } from './errors';
import { loadModule, pkcs11js, type Pkcs11 } from './module';

type Handle = Buffer;

/** A token as the user sees it (no handle crosses a process). */
export interface TokenSummary {
  readonly label: string;
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  /** The token wants a PIN before its keys can be used. */
  readonly loginRequired: boolean;
  /** The PIN is typed on the reader's own keypad (Paraphe sends none). */
  readonly protectedAuthPath: boolean;
  readonly pin: PinState;
}

/** A certificate of the token and its private key, paired by `CKA_ID`. */
export interface CardEntry {
  /** `CKA_ID` in lower-case hex. */
  readonly keyId: string;
  readonly label?: string;
  readonly certificate?: X509Certificate;
  /** `unknown`: the token hides its private objects until the PIN is given. */
  readonly privateKey: 'found' | 'absent' | 'unknown';
}

/** A token and what it holds. */
export interface TokenListing extends TokenSummary {
  readonly entries: readonly CardEntry[];
  /** Every certificate on the token (leaves and their authorities), for the chain. */
  readonly certificates: readonly X509Certificate[];
}

const trimmed = (s: string) => s.replace(/\0/g, '').trim();

/** Runs a PKCS#11 call, turning the card's answer into a French UserError. */
export function call<T>(what: string, fn: () => T, pin?: () => PinState): T {
  try {
    return fn();
  } catch (e) {
    throw translate(e, what, pin);
  }
}

/** The token summary of a slot, read now. */
export function readToken(mod: Pkcs11, slot: Handle): TokenSummary {
  const p = pkcs11js();
  const info = call('lecture de la carte', () => mod.C_GetTokenInfo(slot));
  return {
    label: trimmed(info.label),
    serial: trimmed(info.serialNumber),
    manufacturer: trimmed(info.manufacturerID),
    model: trimmed(info.model),
    loginRequired: (info.flags & p.CKF_LOGIN_REQUIRED) !== 0,
    protectedAuthPath: (info.flags & p.CKF_PROTECTED_AUTHENTICATION_PATH) !== 0,
    pin: {
      countLow: (info.flags & p.CKF_USER_PIN_COUNT_LOW) !== 0,
      finalTry: (info.flags & p.CKF_USER_PIN_FINAL_TRY) !== 0,
      locked: (info.flags & p.CKF_USER_PIN_LOCKED) !== 0,
    },
  };
}

/** The slots that hold a token, with their summaries. */
export function tokensOf(mod: Pkcs11): Array<{ slot: Handle; token: TokenSummary }> {
  const slots = call('liste des lecteurs', () => mod.C_GetSlotList(true));
  const out: Array<{ slot: Handle; token: TokenSummary }> = [];
  const p = pkcs11js();
  for (const slot of slots) {
    try {
      // A blank token (SoftHSM's spare slot, a card never personalised) holds nothing to sign with.
      const flags = call('lecture de la carte', () => mod.C_GetTokenInfo(slot)).flags;
      if ((flags & p.CKF_TOKEN_INITIALIZED) === 0) continue;
      out.push({ slot, token: readToken(mod, slot) });
    } catch (e) {
      // A slot whose token went away between the two calls is simply not listed.
      if (!(e instanceof UserError) || e.code !== 'PKCS11_CARD_REMOVED') throw e;
    }
  }
  return out;
}

/** The slot whose token has this label or serial number; the only one when `wanted` is absent. */
export function findToken(mod: Pkcs11, modulePath: string, wanted?: string): { slot: Handle; token: TokenSummary } {
  const all = tokensOf(mod);
  if (all.length === 0) {
    throw new UserError('PKCS11_NO_TOKEN', `Aucune carte ni aucun jeton n’est présent pour le module « ${modulePath} » : insérez votre carte dans le lecteur (ou branchez votre jeton USB), puis réessayez.`);
  }
  if (wanted === undefined) {
    if (all.length === 1) return all[0]!;
    throw new UserError('PKCS11_TOKEN_AMBIGUOUS', `Plusieurs cartes sont présentes (${all.map((t) => `« ${t.token.label} »`).join(', ')}) : précisez laquelle utiliser (--token <libellé>).`);
  }
  const w = wanted.trim();
  const found = all.find((t) => t.token.serial === w) ?? all.find((t) => t.token.label === w);
  if (!found) {
    throw new UserError('PKCS11_TOKEN_NOT_FOUND', `La carte « ${w} » n’est pas présente (cartes vues : ${all.map((t) => `« ${t.token.label} »`).join(', ')}). Insérez-la ou vérifiez son libellé.`);
  }
  return found;
}

function findAll(mod: Pkcs11, session: Handle, template: Array<{ type: number; value?: number | boolean | Buffer | string }>): Handle[] {
  mod.C_FindObjectsInit(session, template);
  try {
    const out: Handle[] = [];
    for (;;) {
      const batch = mod.C_FindObjects(session, 64);
      if (batch.length === 0) return out;
      out.push(...batch);
    }
  } finally {
    mod.C_FindObjectsFinal(session);
  }
}

function attrs(mod: Pkcs11, session: Handle, obj: Handle, types: number[]): Map<number, Buffer | undefined> {
  const out = new Map<number, Buffer | undefined>();
  for (const type of types) {
    // One attribute per call: a token refusing one (sensitive, absent) must not hide the others.
    try {
      const [a] = mod.C_GetAttributeValue(session, obj, [{ type }]);
      out.set(type, a?.value instanceof Buffer ? a.value : undefined);
    } catch (e) {
      const ckr = ckrOf(e);
      if (ckr !== 'CKR_ATTRIBUTE_TYPE_INVALID' && ckr !== 'CKR_ATTRIBUTE_SENSITIVE') throw e;
      out.set(type, undefined);
    }
  }
  return out;
}

/** A private key found on the token. */
export interface CardKey {
  readonly handle: Handle;
  readonly keyId: string;
  readonly label?: string;
  /** `CKA_ALWAYS_AUTHENTICATE`: the PIN is asked again for each signature (qualified keys). */
  readonly alwaysAuthenticate: boolean;
}

/** Reads the certificates and the private keys visible in a session, paired by `CKA_ID`. */
export function readObjects(mod: Pkcs11, session: Handle, loggedIn: boolean, loginRequired: boolean): { entries: CardEntry[]; certificates: X509Certificate[]; keys: CardKey[] } {
  const p = pkcs11js();
  return call('lecture des certificats', () => {
    const certs: Array<{ id: string; label?: string; cert: X509Certificate }> = [];
    for (const h of findAll(mod, session, [{ type: p.CKA_CLASS, value: p.CKO_CERTIFICATE }, { type: p.CKA_CERTIFICATE_TYPE, value: p.CKC_X_509 }])) {
      const a = attrs(mod, session, h, [p.CKA_ID, p.CKA_LABEL, p.CKA_VALUE]);
      const der = a.get(p.CKA_VALUE);
      if (!der) continue;
      let cert: X509Certificate;
      try {
        cert = new X509Certificate(der);
      } catch {
        continue; // An unreadable certificate object cannot sign anything.
      }
      certs.push({ id: a.get(p.CKA_ID)?.toString('hex') ?? '', label: a.get(p.CKA_LABEL)?.toString('utf8'), cert });
    }
    const keys: CardKey[] = [];
    for (const h of findAll(mod, session, [{ type: p.CKA_CLASS, value: p.CKO_PRIVATE_KEY }])) {
      const a = attrs(mod, session, h, [p.CKA_ID, p.CKA_LABEL, p.CKA_ALWAYS_AUTHENTICATE]);
      keys.push({ handle: h, keyId: a.get(p.CKA_ID)?.toString('hex') ?? '', label: a.get(p.CKA_LABEL)?.toString('utf8'), alwaysAuthenticate: a.get(p.CKA_ALWAYS_AUTHENTICATE)?.[0] === 1 });
    }
    // Without a login on a token that requires one, private keys are hidden, not missing.
    const unseen = loginRequired && !loggedIn && keys.length === 0;
    const entries: CardEntry[] = [];
    for (const c of certs) {
      const key = keys.find((k) => k.keyId === c.id && c.id !== '');
      // An authority's certificate without a key is chain material, not an identity.
      if (!key && c.cert.ca) continue;
      entries.push({ keyId: c.id, label: c.label ?? key?.label, certificate: c.cert, privateKey: key ? 'found' : unseen ? 'unknown' : 'absent' });
    }
    for (const k of keys) {
      if (!certs.some((c) => c.id === k.keyId && k.keyId !== '')) entries.push({ keyId: k.keyId, label: k.label, privateKey: 'found' });
    }
    entries.sort((a, b) => a.keyId.localeCompare(b.keyId));
    return { entries, certificates: certs.map((c) => c.cert), keys };
  });
}

/** Logs the user in: with the PIN, or on the reader's keypad when the token has one. */
export function login(mod: Pkcs11, slot: Handle, session: Handle, token: TokenSummary, pin: string | undefined, userType?: number): void {
  const p = pkcs11js();
  if (token.pin.locked) throw pinLocked();
  if (pin === undefined && !token.protectedAuthPath) {
    throw new UserError('PKCS11_PIN_REQUIRED', `La carte « ${token.label} » demande son code PIN : saisissez-le pour continuer.`);
  }
  try {
    if (token.protectedAuthPath && pin === undefined) mod.C_Login(session, userType ?? p.CKU_USER);
    else mod.C_Login(session, userType ?? p.CKU_USER, pin);
  } catch (e) {
    if (ckrOf(e) === 'CKR_USER_ALREADY_LOGGED_IN') return;
    throw translate(e, 'saisie du code PIN', () => readToken(mod, slot).pin);
  }
}

/** Opens a read-only session on the token, runs `fn`, then closes the session (logging out if `fn` logged in). */
export function withSession<T>(mod: Pkcs11, slot: Handle, fn: (session: Handle) => { value: T; loggedIn: boolean }): T {
  const p = pkcs11js();
  const session = call('ouverture de session', () => mod.C_OpenSession(slot, p.CKF_SERIAL_SESSION));
  let loggedIn = true;
  try {
    const out = fn(session);
    loggedIn = out.loggedIn;
    return out.value;
  } finally {
    closeSession(mod, session, loggedIn);
  }
}

/**
 * Closes a session, logging out first when this call logged in (a login belongs to the whole
 * application: logging out a session that did not log in would end another one's). A card
 * already gone makes both no-ops.
 */
export function closeSession(mod: Pkcs11, session: Handle, logout: boolean): void {
  if (logout) {
    try {
      mod.C_Logout(session);
    } catch {
      // Not logged in, or the card is gone: nothing to undo.
    }
  }
  try {
    mod.C_CloseSession(session);
  } catch {
    // Already closed with the card.
  }
}

/** Lists every token of a module and its certificates; with a PIN, logs in to see private keys. */
export function listTokens(modulePath: string, options: { pin?: string; token?: string } = {}): TokenListing[] {
  const mod = loadModule(modulePath);
  const slots = options.token !== undefined ? [findToken(mod, modulePath, options.token)] : tokensOf(mod);
  return slots.map(({ slot, token }) =>
    withSession(mod, slot, (session) => {
      const doLogin = token.loginRequired && options.pin !== undefined;
      if (doLogin) login(mod, slot, session, token, options.pin);
      const { entries, certificates } = readObjects(mod, session, doLogin, token.loginRequired);
      return { value: { ...token, entries, certificates }, loggedIn: doLogin };
    }),
  );
}

/** The token asked for (or the only one): whether it needs a PIN, before the PIN is asked. */
export function tokenSummary(modulePath: string, token?: string): TokenSummary {
  return findToken(loadModule(modulePath), modulePath, token).token;
}
