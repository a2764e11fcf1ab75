import { Button } from '@codegouvfr/react-dsfr/Button';
import { useRef } from 'react';
import type { Messages } from '../i18n/messages';

/**
 * Opens the system file picker for a convention JSON and hands its text over. The renderer
 * only ever reads the one file the user picked; main parses and validates it.
 */
export function ImportButton(props: { t: Messages; busy: boolean; onImport: (text: string, fileName: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="paraphe-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-file"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) props.onImport(await file.text(), file.name);
        }}
      />
      <Button priority="secondary" iconId="fr-icon-upload-line" disabled={props.busy} onClick={() => input.current?.click()}>
        {props.busy ? props.t.importing : props.t.importLabel}
      </Button>
    </>
  );
}
