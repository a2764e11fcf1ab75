import { useContext, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useWizardText } from '../../i18n/use-wizard-text';
import { RemovalContext } from './removal-context';

interface ReorderableListProps<T> {
  readonly items: readonly T[];
  readonly getKey: (item: T) => string;
  /** « Visa 2 », « Article 3 : Objet » — used in button labels and announcements. */
  readonly itemLabel: (item: T, index: number) => string;
  readonly onMove: (from: number, to: number) => void;
  readonly onRemove?: (index: number) => void;
  readonly renderItem: (item: T, index: number) => ReactNode;
  /** Accessible name of the list (« Visas de la convention »). */
  readonly label: string;
  readonly className?: string;
  /** Marks the item shown as selected (master–detail lists). */
  readonly selectedIndex?: number;
  /** Put the move/remove buttons under the item (narrow lists). */
  readonly controlsBelow?: boolean;
}

/**
 * An ordered list whose items move with buttons, with the keyboard (Alt+↑ / Alt+↓ anywhere in
 * the item, or ↑ / ↓ on its handle) and by dragging the handle. Every move is announced, and
 * focus follows the moved item so that a keyboard user can keep moving it.
 */
export function ReorderableList<T>(props: ReorderableListProps<T>) {
  const { items, getKey, itemLabel, onMove, onRemove } = props;
  const t = useWizardText();
  const [announce, setAnnounce] = useState('');
  const announceRemoval = useContext(RemovalContext);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  // After a move, focus returns to the moved item's handle, or to the field being edited.
  const focusAfterMove = useRef<string | HTMLElement | null>(null);

  // Layout effect: focus follows the moved item before the next key can arrive.
  useLayoutEffect(() => {
    const target = focusAfterMove.current;
    if (!target) return;
    focusAfterMove.current = null;
    if (typeof target === 'string') handles.current.get(target)?.focus();
    else if (document.activeElement !== target) target.focus();
  });

  const move = (from: number, to: number, keepFocusOn?: HTMLElement) => {
    if (to < 0 || to >= items.length || from === to) return;
    const item = items[from];
    if (item === undefined) return;
    focusAfterMove.current = keepFocusOn ?? getKey(item);
    onMove(from, to);
    setAnnounce(t.moved(itemLabel(item, from), to + 1, items.length));
  };

  const onItemKey = (e: KeyboardEvent, index: number) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const focused = e.target instanceof HTMLElement ? e.target : undefined;
    if (e.key === 'ArrowUp') move(index, index - 1, focused);
    else if (e.key === 'ArrowDown') move(index, index + 1, focused);
    else return;
    e.preventDefault();
  };
  const onHandleKey = (e: KeyboardEvent, index: number) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'ArrowUp') move(index, index - 1);
    else if (e.key === 'ArrowDown') move(index, index + 1);
    else if (e.key === 'Home') move(index, 0);
    else if (e.key === 'End') move(index, items.length - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <>
      <ol className={`paraphe-reorder${props.controlsBelow ? ' paraphe-reorder--below' : ''} ${props.className ?? ''}`} aria-label={props.label}>
        {items.map((item, index) => {
          const key = getKey(item);
          const label = itemLabel(item, index);
          const body = <div className="paraphe-reorder__body">{props.renderItem(item, index)}</div>;
          return (
            <li
              key={key}
              className={`paraphe-reorder__item${dropAt === index && dragFrom !== null ? ' paraphe-reorder__item--drop' : ''}${props.selectedIndex === index ? ' paraphe-reorder__item--selected' : ''}`}
              onKeyDown={(e) => onItemKey(e, index)}
              onDragOver={(e) => {
                if (dragFrom === null) return;
                e.preventDefault();
                setDropAt(index);
              }}
              onDrop={(e) => {
                e.preventDefault();
                if (dragFrom !== null) move(dragFrom, index);
                setDragFrom(null);
                setDropAt(null);
              }}
              data-testid={`item-${index}`}
            >
              {props.controlsBelow ? body : null}
              <div className="paraphe-reorder__controls">
                <button
                  type="button"
                  className="paraphe-reorder__handle fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
                  draggable
                  ref={(el) => {
                    if (el) handles.current.set(key, el);
                    else handles.current.delete(key);
                  }}
                  aria-label={t.dragHandle(label)}
                  title={t.dragHandleTitle}
                  onKeyDown={(e) => onHandleKey(e, index)}
                  onDragStart={(e) => {
                    setDragFrom(index);
                    e.dataTransfer.effectAllowed = 'move';
                    e.dataTransfer.setData('text/plain', label);
                  }}
                  onDragEnd={() => {
                    setDragFrom(null);
                    setDropAt(null);
                  }}
                >
                  ⠿
                </button>
                <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" title={t.moveUp(label)} aria-label={t.moveUp(label)} disabled={index === 0} onClick={() => move(index, index - 1)}>↑</button>
                <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" title={t.moveDown(label)} aria-label={t.moveDown(label)} disabled={index === items.length - 1} onClick={() => move(index, index + 1)}>↓</button>
                {onRemove ? (
                  <button
                    type="button"
                    className="fr-btn fr-btn--tertiary fr-btn--sm paraphe-danger"
                    title={t.remove(label)}
                    aria-label={t.remove(label)}
                    onClick={() => {
                      onRemove(index);
                      announceRemoval(t.removed(label));
                    }}
                  >
                    {t.removeShort}
                  </button>
                ) : null}
              </div>
              {props.controlsBelow ? null : body}
            </li>
          );
        })}
      </ol>
      <p className="fr-sr-only" aria-live="polite">{announce}</p>
    </>
  );
}
