// electron-builder `afterPack` hook: flips Electron's fuses on the packaged binary, so that
// the shipped app cannot be turned into a plain Node runtime or debugged from outside.
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { join } from 'node:path';

/** The fuses Paraphe ships with (see https://www.electronjs.org/docs/latest/tutorial/fuses). */
export const PARAPHE_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The renderer is served on paraphe://app (main/electron/app-protocol.ts): file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Path of the packaged Electron binary (or .app bundle) that holds the fuse wire. */
export function electronBinaryPath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(context.appOutDir, `${name}.app`);
    case 'win32':
      return join(context.appOutDir, `${name}.exe`);
    default:
      return join(context.appOutDir, context.packager.executableName);
  }
}

/** The hook electron-builder calls after packing, before signing and making installers. */
export default async function afterPack(context) {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  await flipFuses(electronBinaryPath(context), {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature of an Apple Silicon binary; re-sign it ad hoc
    // (electron-builder signs it properly afterwards when a certificate is configured).
    resetAdHocDarwinSignature: isMac,
    ...PARAPHE_FUSES,
  });
}
