import { memo, startTransition, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Block } from '../../../shared/model/blocks';
import { presentationOf, type Article, type Convention } from '../../../shared/model/convention';
import { annexHeading, articleHeading, referenceLabels, withCurrentReferences, type FirstArticle } from '../../../shared/rules/numbering';
import type { EditorReferences } from '../editor/references';
import { GroupFindings, TextField } from '../components/Fields';
import { FindingsContext } from '../components/findings-context';
import { RemovalContext } from '../components/removal-context';
import { RichTextEditor } from '../editor/RichTextEditor';
import { insertAt, move, newId, removeAt, updateAt } from '../model/list-ops';
import { fieldId } from '../model/steps';
import type { Edit, StepProps } from './step-props';
import { useWizardText } from '../../i18n/use-wizard-text';

/** Articles and annexes share one shape (title + blocks) and one editor. */
export type SectionKind = 'articles' | 'annexes';

// Headings are the document's own (« Article 3 : Objet », « Article 1er : … »), French in every interface language.
type HeadingOf = (a: Pick<Article, 'title'>, i: number) => string;
const headings = (first: FirstArticle): Record<SectionKind, HeadingOf> => ({
  articles: (a, i) => articleHeading(a, i, first),
  annexes: annexHeading,
});

/**
 * What the body editors offer as reference targets: every article and annex by its heading,
 * and each one's current label. Rebuilt only when a number or a title changes, not per keystroke.
 */
function useEditorReferences(c: Convention): EditorReferences {
  const first = presentationOf(c).firstArticle;
  const key = JSON.stringify([first, c.articles.map((a) => [a.id, a.title]), c.annexes.map((a) => [a.id, a.title])]);
  return useMemo(() => {
    const labels = referenceLabels(c);
    const choices = [
      ...c.articles.map((a, i) => ({ id: a.id, label: labels.get(a.id)!, heading: articleHeading(a, i, first) })),
      ...c.annexes.map((a, i) => ({ id: a.id, label: labels.get(a.id)!, heading: annexHeading(a, i) })),
    ];
    return { labels, choices };
    // `key` holds everything the references depend on.
  }, [key]);
}

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
  const t = useWizardText();
  const first = presentationOf(c).firstArticle;
  const words = useMemo(() => headings(first), [first]);
  const w = { heading: words[which], ...t.sections[which] };
  const references = useEditorReferences(c);
  const [selectedId, setSelectedId] = useState<string | undefined>(items[0]?.id);
  const selectedIndex = Math.max(0, items.findIndex((a) => a.id === selectedId));
  const selected = items[selectedIndex];
  // The first article is shown, not chosen: until the user picks one, « Ajouter » appends.
  const [chosen, setChosen] = useState(false);
  const choose = useCallback((id: string) => {
    setSelectedId(id);
    setChosen(true);
  }, []);
  const [announce, setAnnounce] = useState('');
  const announceRemoval = useContext(RemovalContext);
  const itemsRef = useRef(items);
  itemsRef.current = items;

  useEffect(() => {
    const m = focusPath ? new RegExp(`^${which}\\[(\\d+)\\]`).exec(focusPath) : null;
    const target = m ? items[Number(m[1])] : undefined;
    if (target) choose(target.id);
    // Only when asked to reveal a path, not on every edit.
  }, [focusPath, which]);

  const add = () => {
    const id = newId(which === 'articles' ? 'article' : 'annexe');
    const at = chosen && items.length ? selectedIndex + 1 : items.length;
    edit((d) => ({ ...d, [which]: insertAt(d[which], at, { id, title: '', body: [] }) }));
    choose(id);
    requestAnimationFrame(() => document.getElementById(fieldId(`${which}[${at}].title`))?.focus());
  };

  const moveTo = useCallback(
    (from: number, to: number) => {
      if (to < 0 || to >= itemsRef.current.length || from === to) return;
      const item = itemsRef.current[from];
      // References' stored texts follow the move (their « last printed form »).
      edit((d) => withCurrentReferences({ ...d, [which]: [...move(d[which], from, to)] }));
      if (item) setAnnounce(t.moved(words[which](item, from), to + 1, itemsRef.current.length));
    },
    [edit, which, t, words],
  );
  const remove = (i: number) => {
    const next = items[i + 1] ?? items[i - 1];
    const gone = items[i];
    // Stored texts first: a reference to the removed one keeps the number it last had.
    edit((d) => {
      const fresh = withCurrentReferences(d);
      return withCurrentReferences({ ...fresh, [which]: removeAt(fresh[which], i) });
    });
    setSelectedId(next?.id);
    if (gone) announceRemoval((which === 'annexes' ? t.removedF : t.removed)(w.heading(gone, i)));
  };

  return (
    <div className="paraphe-master-detail">
      <div className="paraphe-master-detail__list">
        <GroupFindings path={which} />
        {items.length === 0 ? <p>{w.none}</p> : null}
        <p id="paraphe-sections-help" className="fr-hint-text">{t.sectionsHelp}</p>
        <SectionList which={which} items={items} heading={words[which]} selectedIndex={selectedIndex} onSelect={choose} onMove={moveTo} />
        <p className="fr-sr-only" aria-live="polite">{announce}</p>
        <button type="button" className="fr-btn fr-btn--secondary fr-mt-2w" onClick={add}>
          {chosen && selected ? w.addAfter(selectedIndex + 1) : w.add}
        </button>
      </div>
      <div className="paraphe-master-detail__detail">
        {selected ? (
          <>
            <div className="paraphe-section-actions" role="group" aria-label={t.sectionOrder(w.heading(selected, selectedIndex))}>
              <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" disabled={selectedIndex === 0} onClick={() => moveTo(selectedIndex, selectedIndex - 1)} aria-label={t.moveUp(w.heading(selected, selectedIndex))}>
                {t.moveUpButton}
              </button>
              <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" disabled={selectedIndex === items.length - 1} onClick={() => moveTo(selectedIndex, selectedIndex + 1)} aria-label={t.moveDown(w.heading(selected, selectedIndex))}>
                {t.moveDownButton}
              </button>
              <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-danger" onClick={() => remove(selectedIndex)} aria-label={t.remove(w.heading(selected, selectedIndex))}>
                {t.removeShort}
              </button>
            </div>
            <SectionEditor key={selected.id} which={which} index={selectedIndex} section={selected} edit={edit} heading={w.heading(selected, selectedIndex)} the={w.the} references={references} />
          </>
        ) : null}
      </div>
    </div>
  );
}

interface SectionListProps {
  readonly which: SectionKind;
  readonly items: readonly Article[];
  readonly heading: HeadingOf;
  readonly selectedIndex: number;
  readonly onSelect: (id: string) => void;
  readonly onMove: (from: number, to: number) => void;
}

/**
 * The outline: one light entry per article, so that 200 articles open fast. Alt+↑ / Alt+↓ on
 * an entry moves it (focus follows), and entries can be dragged onto one another.
 */
function SectionList({ which, items, heading, selectedIndex, onSelect, onMove }: SectionListProps) {
  const [dropAt, setDropAt] = useState<number | null>(null);
  const dragFrom = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const onDragStart = useCallback((i: number) => {
    dragFrom.current = i;
  }, []);
  const onDrop = useCallback(
    (to: number) => {
      if (dragFrom.current !== null) onMove(dragFrom.current, to);
      dragFrom.current = null;
      setDropAt(null);
    },
    [onMove],
  );
  const focusIndex = useRef<number | null>(null);
  // Layout effect: focus follows the moved entry before the next key can arrive.
  useLayoutEffect(() => {
    if (focusIndex.current === null) return;
    list.current?.querySelectorAll<HTMLButtonElement>('.paraphe-section-link')[focusIndex.current]?.focus();
    focusIndex.current = null;
  });
  const onKey = useCallback(
    (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
      e.preventDefault();
      const to = index + (e.key === 'ArrowUp' ? -1 : 1);
      focusIndex.current = Math.max(0, Math.min(items.length - 1, to));
      onMove(index, to);
    },
    [items.length, onMove],
  );
  const findings = useContext(FindingsContext);
  const t = useWizardText();
  return (
    <ol ref={list} className="paraphe-sections" aria-label={t.sections[which].list}>
      {items.map((a, i) => (
        <SectionItem
          key={a.id}
          id={a.id}
          index={i}
          heading={heading(a, i)}
          current={i === selectedIndex}
          flagged={findings.has(`${which}[${i}].title`) || findings.has(`${which}[${i}].body`)}
          drop={dropAt === i}
          onSelect={onSelect}
          onKey={onKey}
          onDragStart={onDragStart}
          onDragOver={setDropAt}
          onDrop={onDrop}
        />
      ))}
    </ol>
  );
}

interface SectionItemProps {
  readonly id: string;
  readonly index: number;
  readonly heading: string;
  readonly current: boolean;
  readonly flagged: boolean;
  readonly drop: boolean;
  readonly onSelect: (id: string) => void;
  readonly onKey: (e: KeyboardEvent<HTMLButtonElement>, index: number) => void;
  readonly onDragStart: (index: number) => void;
  readonly onDragOver: (index: number) => void;
  readonly onDrop: (index: number) => void;
}

const SectionItem = memo(function SectionItem(p: SectionItemProps) {
    const t = useWizardText();
    return (
      <li
        className={`paraphe-sections__item${p.drop ? ' paraphe-sections__item--drop' : ''}`}
        draggable
        onDragStart={(e) => {
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', p.heading);
          p.onDragStart(p.index);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          p.onDragOver(p.index);
        }}
        onDrop={(e) => {
          e.preventDefault();
          p.onDrop(p.index);
        }}
      >
        <button
          type="button"
          className={`paraphe-section-link${p.current ? ' paraphe-section-link--current' : ''}`}
          aria-current={p.current ? 'true' : undefined}
          aria-describedby="paraphe-sections-help"
          onClick={() => p.onSelect(p.id)}
          onKeyDown={(e) => p.onKey(e, p.index)}
        >
          {p.heading}
          {p.flagged ? <span className="paraphe-flag">{t.toComplete}</span> : null}
        </button>
      </li>
    );
});

interface SectionEditorProps {
  readonly which: SectionKind;
  readonly index: number;
  readonly section: Article;
  readonly edit: Edit;
  readonly heading: string;
  readonly the: string;
  readonly references: EditorReferences;
}

function SectionEditor({ which, index, section, edit, heading, the, references }: SectionEditorProps) {
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
  const t = useWizardText();
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`} className="fr-h4">{heading}</h3>
      <TextField path={`${at}.title`} label={t.sectionTitle(the, index + 1)} value={section.title} onChange={(title) => update((a) => ({ ...a, title }), `${id}.title`)} />
      <p className="fr-label">{t.content}</p>
      <GroupFindings path={`${at}.body`} />
      <RichTextEditor
        id={fieldId(`${at}.body`)}
        label={t.sectionContent(the, index + 1)}
        value={section.body}
        onChange={onBody}
        computedBlocks
        references={references}
        {...(which === 'articles' ? { articleNumber: index + 1 } : {})}
      />
    </section>
  );
}
