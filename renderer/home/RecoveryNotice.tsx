import { Alert } from '@codegouvfr/react-dsfr/Alert';
import type { Messages } from '../i18n/messages';

/** What start-up repaired (main's French report), shown until the user closes it. */
export function RecoveryNotice(props: { t: Messages; message: string; files: readonly string[] }) {
  return (
    <Alert
      className="fr-mb-3w"
      severity="warning"
      closable
      title={props.t.recoveryTitle}
      description={
        <>
          <p>{props.message}</p>
          {props.files.length > 0 && (
            <ul>
              {props.files.map((f) => <li key={f}><code>{f}</code></li>)}
            </ul>
          )}
        </>
      }
    />
  );
}
