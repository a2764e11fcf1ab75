import { useEffect, useState } from 'react';
import type { TaskProgress as TaskProgressDto } from '../../../shared/ipc/push';
import { useLang } from '../../i18n/I18nProvider';
import { progressLabel, progressText } from './task-progress-text';

/** How long a task runs before its bar appears: shorter work would only make the screen flicker. */
export const SHOW_AFTER_MS = 150;

/**
 * The progress of one long call to main (rendering, signing), fed by the hook that made the
 * call with that call's steps only (`window.paraphe.x(input, { onProgress })`). Nothing is
 * shown for work shorter than {@link SHOW_AFTER_MS}; the live region is always there so that
 * screen readers hear it when it fills. `data-call-id` names the call the line belongs to.
 */
export function TaskProgress({ progress }: { readonly progress?: TaskProgressDto & { readonly callId?: string } }) {
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
  return (
    <div className="paraphe-task-progress" aria-live="polite" data-testid="task-progress" data-call-id={shown ? progress?.callId : undefined}>
      {shown && progress ? (
        <>
          <p className="fr-text--sm fr-mb-1v">{progressText(progress, lang)}</p>
          {counted ? (
            <progress aria-label={progressLabel(lang)} max={progress.total} value={progress.done} style={{ width: '100%' }} />
          ) : (
            // Indeterminate: a <progress> without value (the layout is not counted in pages yet).
            <progress aria-label={progressLabel(lang)} style={{ width: '100%' }} />
          )}
        </>
      ) : null}
    </div>
  );
}
