import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ReferenceChoice } from './references';

interface ReferenceMenuProps {
  /** The button's text and title. */
  readonly tool: readonly [text: string, title: string];
  /** The menu's accessible name. */
  readonly label: string;
  /** Said when there is nothing to refer to. */
  readonly none: string;
  readonly choices: readonly ReferenceChoice[];
  readonly onChoose: (choice: ReferenceChoice) => void;
  /** Called when the menu closes without a choice (Échap): focus goes back to the text. */
  readonly onCancel: () => void;
}

/**
 * « Renvoi… »: a menu button (ARIA menu pattern) listing the articles and annexes by number
 * and title. ↓ or Entrée opens it on the first entry, ↑ ↓ Début Fin move, Entrée chooses,
 * Échap or Tab closes it and goes back to the text; typing a digit jumps to the entry whose
 * number starts with it.
 */
export function ReferenceMenu({ tool, label, none, choices, onChoose, onCancel }: ReferenceMenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!open) return;
    list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active]);

  const close = (cancel: boolean) => {
    setOpen(false);
    if (cancel) onCancel();
  };
  const openAt = (i: number) => {
    setActive(Math.max(0, Math.min(i, choices.length - 1)));
    setOpen(true);
  };
  const onButtonKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      e.stopPropagation();
      openAt(e.key === 'ArrowDown' ? 0 : choices.length - 1);
    }
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    // The toolbar's own arrow keys must not move focus out of the open menu.
    e.stopPropagation();
    const n = choices.length;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % Math.max(n, 1));
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + n) % Math.max(n, 1));
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(Math.max(n - 1, 0));
    else if (e.key === 'Escape') {
      close(true);
    } else if (e.key === 'Tab') {
      // As from the toolbar: Tab goes on to the text.
      close(true);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const choice = choices[active];
      setOpen(false);
      if (choice) onChoose(choice);
      else onCancel();
    } else if (/^\d$/.test(e.key)) {
      const i = choices.findIndex((c, k) => k > active && c.heading.replace(/^\D+/, '').startsWith(e.key));
      const j = i >= 0 ? i : choices.findIndex((c) => c.heading.replace(/^\D+/, '').startsWith(e.key));
      if (j >= 0) setActive(j);
    } else return;
    e.preventDefault();
  };

  return (
    <span className="paraphe-refmenu">
      <button
        ref={button}
        type="button"
        className="fr-btn fr-btn--tertiary fr-btn--sm"
        title={tool[1]}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {tool[0]}
      </button>
      {open ? (
        <ul
          ref={list}
          id={menuId}
          role="menu"
          aria-label={label}
          className="paraphe-refmenu__list"
          onKeyDown={onMenuKey}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null) && e.relatedTarget !== button.current) setOpen(false);
          }}
        >
          {choices.length === 0 ? (
            <li role="menuitem" tabIndex={-1} aria-disabled="true" className="paraphe-refmenu__item">{none}</li>
          ) : (
            choices.map((c, i) => (
              <li
                key={c.id}
                role="menuitem"
                tabIndex={i === active ? 0 : -1}
                className={`paraphe-refmenu__item${i === active ? ' paraphe-refmenu__item--active' : ''}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setOpen(false);
                  onChoose(c);
                }}
              >
                {c.heading}
              </li>
            ))
          )}
        </ul>
      ) : null}
    </span>
  );
}
