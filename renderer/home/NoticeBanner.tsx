import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { Notice } from '../hooks/useConventionActions';
import type { Messages } from '../i18n/messages';

/** The outcome of the last action, announced to screen readers; errors carry main's French message. */
export function NoticeBanner(props: { t: Messages; notice: Notice | null; onClose: () => void }) {
  const { notice, t } = props;
  // The live region stays mounted so that each new text is announced.
  return (
    <div aria-live="polite" className="fr-mb-2w" data-testid="notice">
      {notice && (
        <Alert
          small
          closable
          onClose={props.onClose}
          severity={notice.severity}
          role={notice.severity === 'error' ? 'alert' : 'status'}
          description={
            <>
              {notice.text}
              {notice.undo && (
                <Button size="small" priority="tertiary" className="fr-ml-2w" onClick={notice.undo}>{t.undo}</Button>
              )}
            </>
          }
        />
      )}
    </div>
  );
}
