import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useState, type FormEvent } from 'react';
import type { TemplateOption } from '../hooks/useHome';
import type { Messages } from '../i18n/messages';

/** Choose a template, optionally a title, and create. */
export function CreateForm(props: {
  t: Messages;
  templates: readonly TemplateOption[];
  busy: boolean;
  onCreate: (templateId: string, title?: string) => void;
}) {
  const { t, templates } = props;
  const [templateId, setTemplateId] = useState('');
  const [title, setTitle] = useState('');
  const chosen = templateId || templates[0]?.id || '';
  const description = templates.find((tpl) => tpl.id === chosen)?.description;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    props.onCreate(chosen, title.trim() || undefined);
    setTitle('');
  };

  return (
    <form onSubmit={submit} aria-labelledby="create-heading" className="fr-mb-4w">
      <h2 id="create-heading" className="fr-h4">{t.createHeading}</h2>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-5">
          <Select
            label={t.templateLabel}
            hint={description}
            nativeSelectProps={{ value: chosen, onChange: (e) => setTemplateId(e.target.value), name: 'template' }}
          >
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>{tpl.title}</option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-5">
          <Input label={t.titleLabel} hintText={t.titleHint} nativeInputProps={{ value: title, onChange: (e) => setTitle(e.target.value), name: 'title', maxLength: 500 }} />
        </div>
        <div className="fr-col-12 fr-col-md-2">
          <Button type="submit" iconId="fr-icon-add-line" disabled={props.busy || !chosen}>
            {props.busy ? t.creating : t.create}
          </Button>
        </div>
      </div>
    </form>
  );
}
