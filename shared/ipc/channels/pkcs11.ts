import { z } from 'zod';
import { CertificateSummarySchema, ReceivedPdfSchema, SignatureStateSchema, SignResultSchema } from './signing';

/*
 * Channels of agent cards and USB tokens (PKCS#11). The renderer names a middleware by an id
 * (never a path: a library to load is chosen in main's own dialog), a token by its serial
 * number (or label), a key by its CKA_ID. The PIN crosses once, on its way in, for one
 * signature: main never stores, logs or returns it.
 */

const ModuleId = z.string().regex(/^[0-9a-f]{16}$/);
/** A PIN as cards take it (4–16 characters in practice; some tokens take a passphrase). */
const Pin = z.string().min(1).max(128);
const KeyId = z.string().regex(/^[0-9a-f]{0,256}$/);

/** Which key of which token of which middleware. */
export const CardKeyRefSchema = z.strictObject({
  moduleId: ModuleId,
  /** The token's serial number, or its label when it has none. */
  token: z.string().min(1).max(64),
  keyId: KeyId,
});
export type CardKeyRefDto = z.infer<typeof CardKeyRefSchema>;

/** A certificate of a card (with or without its key) as the user sees it. */
export const CardIdentitySchema = z.object({
  keyId: z.string(),
  label: z.string().optional(),
  certificate: CertificateSummarySchema.optional(),
  /** `unknown`: the card shows its private keys only after the PIN. */
  privateKey: z.enum(['found', 'absent', 'unknown']),
  canSign: z.boolean(),
  /** Why it cannot sign (French), when it cannot. */
  problem: z.string().optional(),
});
export type CardIdentityDto = z.infer<typeof CardIdentitySchema>;

/** A token and its signing certificates (certificates without a signing key usage are left out). */
export const CardTokenSchema = z.object({
  /** What to send back in {@link CardKeyRefSchema}.token. */
  token: z.string(),
  label: z.string(),
  serial: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  loginRequired: z.boolean(),
  /** The PIN is typed on the reader's keypad: the renderer asks for none. */
  protectedAuthPath: z.boolean(),
  pin: z.object({ countLow: z.boolean().optional(), finalTry: z.boolean().optional(), locked: z.boolean().optional() }),
  identities: z.array(CardIdentitySchema),
});
export type CardTokenDto = z.infer<typeof CardTokenSchema>;

/** A middleware found on this computer or added by the user, with the tokens it sees now. */
export const CardModuleSchema = z.object({
  id: ModuleId,
  /** Shown to the user so they recognise it; never sent back. */
  path: z.string(),
  name: z.string(),
  source: z.enum(['known', 'user']),
  tokens: z.array(CardTokenSchema),
  /** Set when the library could not be loaded or read (the others are still listed). */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type CardModuleDto = z.infer<typeof CardModuleSchema>;

/** The pkcs11 channels of the IPC contract. */
export const pkcs11Channels = {
  /** The middlewares here and the tokens they see, without the PIN (keys may be « unknown »). */
  'pkcs11:list': { input: z.strictObject({}), output: z.array(CardModuleSchema) },
  /** Asks for a PKCS#11 library in main's dialog, checks it loads, remembers it; null when cancelled. */
  'pkcs11:add-module': { input: z.strictObject({}), output: z.array(CardModuleSchema).nullable() },
  /** Forgets a library the user added. */
  'pkcs11:remove-module': { input: z.strictObject({ moduleId: ModuleId }), output: z.array(CardModuleSchema) },
  /**
   * Signs the next field of a finalized convention with a card key. `pin` is absent for a
   * reader with a PIN pad. Same answer as `signature:sign-next`.
   */
  'pkcs11:sign-next': {
    input: z.strictObject({ conventionId: z.string().min(1).max(100), card: CardKeyRefSchema, pin: Pin.optional() }),
    output: z.object({ state: SignatureStateSchema, signature: SignResultSchema }),
  },
  /**
   * « Signer un document reçu » with a card key: the PDF opened with `received:open`, written
   * beside it. Same answer as `received:sign`.
   */
  'pkcs11:sign-received': {
    input: z.strictObject({ fileId: z.string().min(1).max(100), card: CardKeyRefSchema, pin: Pin.optional(), fieldName: z.string().min(1).max(500).optional() }),
    output: ReceivedPdfSchema.extend({ signature: SignResultSchema }),
  },
} as const;
