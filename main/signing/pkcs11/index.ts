/**
 * Signing with an agent card or a USB token through PKCS#11: the middleware's library is
 * found (known places per OS, or a path the user adds), its tokens and their certificates
 * with a matching private key are listed, and a {@link CardSigner} signs the CMS through the
 * card. Nothing here loads pkcs11js until a card operation runs.
 */
export { discoverModules, moduleId, KNOWN_MIDDLEWARES, type ModuleLocation } from './discovery';
export { closeModule, closeAllModules } from './module';
export { listTokens, tokenSummary, type TokenListing, type TokenSummary, type CardEntry } from './token';
export { openCardSigner, withCardSigner, exclusive, chooseEntry, ecdsaRawToDer, sha256DigestInfo, type CardKeyRequest, type CardSigner } from './signer';
export type { PinState } from './errors';
