import { startTransition, useCallback, useEffect, useState } from 'react';
import type { Block } from '../../../shared/model/blocks';
import type { Article, Convention } from '../../../shared/model/convention';
import { annexHeading, articleHeading } from '../../../shared/rules/numbering';
import { GroupFindings, TextField } from '../components/Fields';
import { useFieldFindings } from '../components/findings-context';
import { ReorderableList } from '../components/ReorderableList';
import { RichTextEditor } from '../editor/RichTextEditor';
import { insertAt, move, newId, removeAt, updateAt } from '../model/list-ops';
import { fieldId } from '../model/steps';
import type { Edit, StepProps } from './step-props';

/** Articles and annexes share one shape (title + blocks) and one editor. */
export type SectionKind = 'articles' | 'annexes';

const WORDS: Record<SectionKind, { one: string; the: string; add: string; heading: (a: Pick<Article, 'title'>, i: number) => string }> = {
  articles: { one: 'article', the: 'l’article', add: 'Ajouter un article', heading: articleHeading },
  annexes: { one: 'annexe', the: 'l’annexe', add: 'Ajouter une annexe', heading: annexHeading },
};

interface ArticlesStepProps extends StepProps {
  readonly which: SectionKind;
  /** A model path to reveal (from a finding link): selects its article. */
  readonly focusPath?: string;
}

/**
 * Steps 5 and 8: the ordered list of articles (or annexes) beside the selected one's title and
 * body. Numbers follow the order; moving or removing renumbers at once.
 */
export function ArticlesStep({ convention: c, edit, which, focusPath }: ArticlesStepProps) {
  const items = c[which];
  const w = WORDS[which];
  const [selectedId, setSelectedId] = useState<string | undefined>(items[0]?.id);
  const selectedIndex = Math.max(0, items.findIndex((a) => a.id === selectedId));
  const selected = items[selectedIndex];

  useEffect(() => {
    const m = focusPath ? new RegExp(`^${which}\\[(\\d+)\\]`).exec(focusPath) : null;
    const target = m ? items[Number(m[1])] : undefined;
    if (target) setSelectedId(target.id);
    // Only when asked to reveal a path, not on every edit.
  }, [focusPath, which]);

  const add = () => {
    const id = newId(which === 'articles' ? 'article' : 'annexe');
    const at = items.length ? selectedIndex + 1 : 0;
    edit((d) => ({ ...d, [which]: insertAt(d[which], at, { id, title: '', body: [] }) }));
    setSelectedId(id);
    requestAnimationFrame(() => document.getElementById(fieldId(`${which}[${at}].title`))?.focus());
  };

  return (
    <div className="paraphe-master-detail">
      <div className="paraphe-master-detail__list">
        <GroupFindings path={which} />
        {items.length === 0 ? <p>Aucun{which === 'annexes' ? 'e annexe' : ' article'} pour l’instant.</p> : null}
        <ReorderableList
          label={which === 'articles' ? 'Articles de la convention' : 'Annexes de la convention'}
          items={items}
          getKey={(a) => a.id}
          itemLabel={(a, i) => w.heading(a, i)}
          selectedIndex={selectedIndex}
          controlsBelow
          onMove={(from, to) => edit((d) => ({ ...d, [which]: [...move(d[which], from, to)] }))}
          onRemove={(i) => {
            const next = items[i + 1] ?? items[i - 1];
            edit((d) => ({ ...d, [which]: removeAt(d[which], i) }));
            setSelectedId(next?.id);
          }}
          renderItem={(a, i) => <SectionLink heading={w.heading(a, i)} path={`${which}[${i}]`} current={i === selectedIndex} onSelect={() => setSelectedId(a.id)} />}
        />
        <button type="button" className="fr-btn fr-btn--secondary" onClick={add}>
          {w.add}
        </button>
      </div>
      <div className="paraphe-master-detail__detail">
        {selected ? (
          <SectionEditor key={selected.id} which={which} index={selectedIndex} section={selected} edit={edit} heading={w.heading(selected, selectedIndex)} the={w.the} />
        ) : null}
      </div>
    </div>
  );
}

/** One entry of the list: selects the section; marks it when something is to fix in it. */
function SectionLink({ heading, path, current, onSelect }: { heading: string; path: string; current: boolean; onSelect: () => void }) {
  const title = useFieldFindings(`${path}.title`);
  const body = useFieldFindings(`${path}.body`);
  const flagged = title.length + body.length > 0;
  return (
    <button type="button" className={`paraphe-section-link${current ? ' paraphe-section-link--current' : ''}`} aria-current={current ? 'true' : undefined} onClick={onSelect}>
      {heading || 'Sans titre'}
      {flagged ? <span className="paraphe-flag"> — à compléter</span> : null}
    </button>
  );
}

interface SectionEditorProps {
  readonly which: SectionKind;
  readonly index: number;
  readonly section: Article;
  readonly edit: Edit;
  readonly heading: string;
  readonly the: string;
}

function SectionEditor({ which, index, section, edit, heading, the }: SectionEditorProps) {
  const at = `${which}[${index}]`;
  const id = section.id;
  const update = useCallback(
    (recipe: (a: Article) => Article, key: string) =>
      edit((d: Convention) => {
        const i = d[which].findIndex((a) => a.id === id);
        return i < 0 ? d : { ...d, [which]: updateAt(d[which], i, recipe) };
      }, key),
    [edit, which, id],
  );
  // Typing in a long convention: the editor shows the keystroke at once, the rest of the
  // wizard (list, findings) follows as a non-urgent update.
  const onBody = useCallback((body: Block[]) => startTransition(() => update((a) => ({ ...a, body }), `${id}.body`)), [update, id]);
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="fr-h4">{heading}</h3>
      <TextField path={`${at}.title`} label={`Titre de ${the} ${index + 1}`} value={section.title} onChange={(title) => update((a) => ({ ...a, title }), `${id}.title`)} />
      <p className="fr-label">Contenu</p>
      <GroupFindings path={`${at}.body`} />
      <RichTextEditor id={fieldId(`${at}.body`)} label={`Contenu de ${the} ${index + 1}`} value={section.body} onChange={onBody} computedBlocks />
    </section>
  );
}
