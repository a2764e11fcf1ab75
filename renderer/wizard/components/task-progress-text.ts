import type { TaskProgress } from '../../../shared/ipc/push';

/*
 * The words of the progress line (TaskProgress.tsx), French first, English second. A plain
 * module so that tests check them without a DOM.
 */

const MIB = 1024 * 1024;

/** Megabytes the way each language writes them: « 32 Mo » / « 1,5 Mo » ; “32 MB” / “1.5 MB”. */
function megabytes(bytes: number, locale: string, unit: string): string {
  const mb = bytes / MIB;
  const digits = mb < 10 && mb > 0 ? 1 : 0;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(mb)}\u00a0${unit}`;
}

const text = {
  fr: {
    layout: 'Mise en page…',
    draw: (done: number, total: number) => `Mise en page : page ${done} sur ${total}`,
    hash: (done: number, total: number) => `Signature : ${megabytes(done, 'fr-FR', 'Mo')} sur ${megabytes(total, 'fr-FR', 'Mo')}`,
    sign: 'Signature : calcul de la signature…',
    write: 'Signature : écriture du fichier…',
    label: 'Avancement',
  },
  en: {
    layout: 'Laying out…',
    draw: (done: number, total: number) => `Layout: page ${done} of ${total}`,
    hash: (done: number, total: number) => `Signing: ${megabytes(done, 'en-GB', 'MB')} of ${megabytes(total, 'en-GB', 'MB')}`,
    sign: 'Signing: computing the signature…',
    write: 'Signing: writing the file…',
    label: 'Progress',
  },
} as const;

/** The line shown for one step of main's work, in the interface language. */
export function progressText(p: TaskProgress, lang: string): string {
  const t = lang === 'en' ? text.en : text.fr;
  switch (p.phase) {
    case 'layout':
      return t.layout;
    case 'draw':
      return t.draw(p.done, p.total);
    case 'hash':
      return t.hash(p.done, p.total);
    case 'sign':
      return t.sign;
    case 'write':
      return t.write;
  }
}

/** The bar's accessible name. */
export function progressLabel(lang: string): string {
  return (lang === 'en' ? text.en : text.fr).label;
}
