/** French errors for files the user asked us to write (a PDF, a signed copy, an identity). */
import { dirname, join } from 'node:path';
import { UserError } from '../shared/errors';

/** The French message for a path we cannot write to, saying what to do. */
export function outputError(path: string, code: string | undefined): UserError {
  const dir = dirname(path);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new UserError('output-dir-missing', `Impossible d'écrire « ${path} » : le dossier « ${dir} » n'existe pas. Créez-le ou choisissez un autre emplacement.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new UserError('output-not-writable', `Impossible d'écrire « ${path} » : vous n'avez pas le droit d'écrire dans « ${dir} ». Choisissez un autre emplacement.`);
    case 'EISDIR':
      return new UserError('output-is-directory', `« ${path} » est un dossier : indiquez un nom de fichier, par exemple « ${join(path, 'convention.pdf')} ».`);
    case 'ENOSPC':
      return new UserError('disk-full', `Impossible d'écrire « ${path} » : le disque est plein. Libérez de la place puis réessayez.`);
    default:
      return new UserError('output-not-writable', `Impossible d'écrire « ${path} » (${code ?? 'erreur inconnue'}). Choisissez un autre emplacement.`);
  }
}
