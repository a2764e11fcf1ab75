/**
 * Loading PKCS#11 modules (the card middleware's shared library) through pkcs11js. pkcs11js is
 * a native N-API addon: it is required lazily, at the first card operation, so that the CLI's
 * other commands, the worker thread and the tests that never touch a card do not load it.
 *
 * Where card operations run: in main's process (or the CLI's), not in the worker thread. A
 * session and its login belong to the process that opened them, a PDF signature is ~10 ms of
 * work plus the card's own time, and keeping every call here means one place holds the PIN
 * for the length of one call and one place talks to the middleware.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { UserError } from '../../../shared/errors';
import { ckrOf } from './errors';

type Pkcs11Js = typeof import('pkcs11js');
/** An initialized PKCS#11 module (pkcs11js's PKCS11 object). */
export type Pkcs11 = InstanceType<Pkcs11Js['PKCS11']>;

let native: Pkcs11Js | undefined;

/** pkcs11js, loaded at first use. */
export function pkcs11js(): Pkcs11Js {
  if (!native) {
    try {
      native = createRequire(import.meta.url)('pkcs11js') as Pkcs11Js;
    } catch (e) {
      throw new UserError('PKCS11_UNAVAILABLE', 'La signature par carte n’est pas disponible dans cette installation de Paraphe (composant pkcs11js absent). Réinstallez Paraphe, ou signez avec un certificat .p12.', { cause: (e as Error).message });
    }
  }
  return native;
}

const open = new Map<string, Pkcs11>();

/** The module at `path`, loaded and initialized once per process. */
export function loadModule(path: string): Pkcs11 {
  const cached = open.get(path);
  if (cached) return cached;
  if (!existsSync(path)) {
    throw new UserError('PKCS11_MODULE_MISSING', `Le module PKCS#11 « ${path} » n’existe pas : installez le logiciel de votre carte (middleware) ou choisissez son fichier dans « Identités ».`);
  }
  const lib = pkcs11js();
  const mod = new lib.PKCS11();
  try {
    mod.load(path);
  } catch (e) {
    throw new UserError('PKCS11_MODULE_UNLOADABLE', `Le fichier « ${path} » n’est pas un module PKCS#11 utilisable (${firstLine(e)}). Choisissez la bibliothèque PKCS#11 fournie avec votre carte (par exemple opensc-pkcs11.so ou .dll).`);
  }
  try {
    // OS locking: main's handlers may call the module from several async paths.
    mod.C_Initialize({ flags: lib.CKF_OS_LOCKING_OK });
  } catch (e) {
    if (ckrOf(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') {
      try {
        mod.close();
      } catch {
        // Nothing more to release.
      }
      throw new UserError('PKCS11_MODULE_INIT', `Le module PKCS#11 « ${path} » n’a pas pu démarrer (${ckrOf(e) ?? firstLine(e)}). Vérifiez l’installation du logiciel de votre carte, puis réessayez.`);
    }
  }
  open.set(path, mod);
  return mod;
}

/**
 * Finalizes and unloads the module at `path` (the next operation loads it again). Called after
 * a card was removed, so that a fresh C_Initialize sees the readers as they are now.
 */
export function closeModule(path: string): void {
  const mod = open.get(path);
  if (!mod) return;
  open.delete(path);
  try {
    mod.C_Finalize();
  } catch {
    // Already finalized (or the library is gone): unloading is all that is left.
  }
  try {
    mod.close();
  } catch {
    // Nothing more to release.
  }
}

/** Finalizes every module this process opened (at exit). */
export function closeAllModules(): void {
  for (const path of [...open.keys()]) closeModule(path);
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!.slice(0, 200);
}
