/**
 * Where the usual card middlewares install their PKCS#11 library, per OS. Paraphe offers the
 * ones present on this machine; any other library is added by the user in « Identités ».
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';

/** A known middleware: a name the user recognises and where its library usually lives. */
interface KnownMiddleware {
  readonly name: string;
  readonly paths: Readonly<Partial<Record<NodeJS.Platform, readonly string[]>>>;
}

const WIN = 'C:\\Windows\\System32\\';

/** The middlewares of French administrations' agent cards and tokens, and the open ones. */
export const KNOWN_MIDDLEWARES: readonly KnownMiddleware[] = [
  {
    name: 'OpenSC',
    paths: {
      linux: ['/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so', '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so', '/usr/lib64/opensc-pkcs11.so', '/usr/lib/opensc-pkcs11.so'],
      win32: [`${WIN}opensc-pkcs11.dll`, 'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll'],
      darwin: ['/Library/OpenSC/lib/opensc-pkcs11.so', '/opt/homebrew/lib/opensc-pkcs11.so', '/usr/local/lib/opensc-pkcs11.so'],
    },
  },
  {
    name: 'Thales / Gemalto IDPrime',
    paths: {
      linux: ['/usr/lib/libIDPrimePKCS11.so', '/usr/lib/x86_64-linux-gnu/libIDPrimePKCS11.so'],
      win32: [`${WIN}IDPrimePKCS11.dll`, `${WIN}IDPrimePKCS1164.dll`],
      darwin: ['/usr/local/lib/libIDPrimePKCS11.dylib'],
    },
  },
  {
    name: 'SafeNet eToken',
    paths: {
      linux: ['/usr/lib/libeTPkcs11.so', '/usr/lib/x86_64-linux-gnu/libeTPkcs11.so'],
      win32: [`${WIN}eTPKCS11.dll`],
      darwin: ['/usr/local/lib/libeTPkcs11.dylib', '/Library/Frameworks/eToken.framework/Versions/Current/libeToken.dylib'],
    },
  },
  {
    name: 'Idemia IAS-ECC (carte agent)',
    paths: {
      linux: ['/usr/lib/libiaspkcs11.so', '/usr/lib/x86_64-linux-gnu/libiaspkcs11.so'],
      win32: [`${WIN}iaspkcs11.dll`, 'C:\\Program Files\\Oberthur Technologies\\AWP\\DLLs\\OcsCryptoki.dll'],
      darwin: ['/usr/local/lib/libiaspkcs11.dylib'],
    },
  },
  {
    name: 'Carte CPS (ANS)',
    paths: {
      linux: ['/usr/lib/libcps3_pkcs11_lux.so', '/usr/local/lib/libcps3_pkcs11_lux.so'],
      win32: [`${WIN}cps3_pkcs11_w64.dll`, `${WIN}cps3_pkcs11_w32.dll`],
      darwin: ['/usr/local/lib/libcps3_pkcs11_osx.dylib'],
    },
  },
  {
    name: 'SoftHSM2 (jeton logiciel de test)',
    paths: {
      linux: ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'],
      win32: ['C:\\SoftHSM2\\lib\\softhsm2-x64.dll'],
      darwin: ['/opt/homebrew/lib/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'],
    },
  },
];

/** A PKCS#11 library Paraphe can offer: found at a known place, or added by the user. */
export interface ModuleLocation {
  /** Stable id of the path (what the renderer sends back; never the path itself). */
  readonly id: string;
  readonly path: string;
  readonly name: string;
  readonly source: 'known' | 'user';
}

/** The id of a module path: 16 hex digits of its SHA-256. */
export function moduleId(path: string): string {
  return createHash('sha256').update(path).digest('hex').slice(0, 16);
}

/** The known middlewares installed here (first existing path of each), then the user's own. */
export function discoverModules(userPaths: readonly string[] = [], platform: NodeJS.Platform = process.platform, exists: (p: string) => boolean = existsSync): ModuleLocation[] {
  const out: ModuleLocation[] = [];
  const seen = new Set<string>();
  for (const m of KNOWN_MIDDLEWARES) {
    const path = (m.paths[platform] ?? []).find((p) => exists(p));
    if (path && !seen.has(path)) {
      seen.add(path);
      out.push({ id: moduleId(path), path, name: m.name, source: 'known' });
    }
  }
  for (const path of userPaths) {
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ id: moduleId(path), path, name: basename(path), source: 'user' });
  }
  return out;
}
