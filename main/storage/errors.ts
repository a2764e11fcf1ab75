import { UserError } from '../../shared/errors';

/** The id is unknown (never stored, or deleted for good). */
export const notFound = () => new UserError('convention-not-found', 'Convention introuvable : elle a peut-être été supprimée. Revenez à la liste des conventions.');
/** Edits are refused while in the trash. */
export const inTrash = () => new UserError('convention-in-trash', 'Cette convention est dans la corbeille : restaurez-la avant de la modifier.');

/** Turns a failed write into a message the user can act on. */
export function writeFailed(e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC' ? 'le disque est plein' :
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? "le dossier de données n'est pas accessible en écriture" :
    "le système a refusé l'écriture";
  return new UserError('write-failed', `L'enregistrement a échoué : ${why}. Libérez de la place ou vérifiez les droits du dossier, puis réessayez ; la dernière version enregistrée est intacte.`, { code });
}

/** Every call after close(). */
export const closedError = () => new UserError('store-closed', 'Le stockage des conventions est fermé. Relancez Paraphe.');

/** A folder a write would go through is a symbolic link (or a file): nothing is written through it. */
export function linkRefused(dir: string): UserError {
  return new UserError(
    'write-refused-link',
    `L'enregistrement a été refusé : « ${dir} » est un lien symbolique ou un fichier au lieu d'un dossier, et Paraphe n'écrit rien hors de son dossier de données. Relancez Paraphe : il mettra ce lien de côté et vous dira ce qu'il a trouvé. La dernière version enregistrée est intacte.`,
  );
}
