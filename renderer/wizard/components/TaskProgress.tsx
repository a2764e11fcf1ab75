import { useEffect, useState } from 'react';
import type { TaskProgress as TaskProgressDto } from '../../../shared/ipc/push';
import { useLang } from '../../i18n/I18nProvider';

/** How long a task runs before its bar appears: shorter work would only make the screen flicker. */
export const SHOW_AFTER_MS = 150;

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
export function progressText(p: TaskProgressDto, lang: string): string {
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

/**
 * The progress of main's long work (rendering, signing), fed by the hooks from
 * `window.paraphe.onProgress`. Nothing is shown for work shorter than {@link SHOW_AFTER_MS};
 * the live region is always there so that screen readers hear it when it fills.
 */
export function TaskProgress({ progress }: { readonly progress?: TaskProgressDto }) {
  const lang = useLang();
  const active = progress !== undefined;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) {
      setShown(false);
      return;
    }
    const timer = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    return () => clearTimeout(timer);
  }, [active]);
  const counted = progress !== undefined && (progress.phase === 'draw' || progress.phase === 'hash') && progress.total > 0;
  const t = lang === 'en' ? text.en : text.fr;
  return (
    <div className="paraphe-task-progress" aria-live="polite" data-testid="task-progress">
      {shown && progress ? (
        <>
          <p className="fr-text--sm fr-mb-1v">{progressText(progress, lang)}</p>
          {counted ? (
            <progress aria-label={t.label} max={progress.total} value={progress.done} style={{ width: '100%' }} />
          ) : (
            // Indeterminate: a <progress> without value (the layout is not counted in pages yet).
            <progress aria-label={t.label} style={{ width: '100%' }} />
          )}
        </>
      ) : null}
    </div>
  );
}
