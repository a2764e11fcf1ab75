import { useId, useState } from 'react';
import type { Lang } from '../i18n/messages';
import { homeListMessages } from './home-list-messages';

/** « À propos »: a disclosure with the version and the data folder's path (no longer in the footer). */
export function AboutPanel(props: { lang: Lang; version: string; dataDir: string }) {
  const m = homeListMessages[props.lang];
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className="paraphe-about" aria-labelledby={`${id}-button`}>
      <button
        type="button"
        id={`${id}-button`}
        className="fr-btn fr-btn--tertiary fr-btn--sm fr-icon-information-line fr-btn--icon-left"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
      >
        {m.about}
      </button>
      <div id={`${id}-panel`} hidden={!open} className="fr-mt-2w fr-p-2w paraphe-box" data-testid="about-panel">
        <h2 className="fr-h6">{m.aboutHeading}</h2>
        <dl>
          <dt>{m.version}</dt>
          <dd>{props.version}</dd>
          <dt>{m.dataFolder}</dt>
          <dd>
            <code data-testid="data-dir">{props.dataDir}</code>
            <p className="fr-hint-text fr-mb-0">{m.dataFolderHint}</p>
          </dd>
        </dl>
      </div>
    </section>
  );
}
