import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

/** One entry of a row's menu. */
export interface MenuAction {
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
  /** Marks a destructive entry (drawn apart, in red). */
  readonly danger?: boolean;
  /** When the entry moves the focus itself (e.g. into a rename field), the button does not take it back. */
  readonly keepsFocus?: boolean;
}

/**
 * A menu button (the ARIA menu button pattern): Entrée, Espace or ↓ opens it on the first
 * entry, ↑ on the last; ↑ ↓ Début Fin and the first letter move, Entrée chooses, Échap closes
 * and gives the focus back to the button, Tab closes and goes on.
 */
export function ActionsMenu(props: { label: string; actions: readonly MenuAction[] }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus();
  }, [open, active]);
  // A click elsewhere closes it.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  // Placed over the page (fixed), not inside the table: the table's scrolling box would clip it.
  const [place, setPlace] = useState<{ top?: number; bottom?: number; right: number } | null>(null);
  const count = props.actions.length;
  const placeNow = useCallback(() => {
    const r = button.current?.getBoundingClientRect();
    if (!r) return;
    const right = Math.max(0, document.documentElement.clientWidth - r.right);
    // Under the button, or above it when the window has no room left below.
    const below = window.innerHeight - r.bottom > count * 44 + 16;
    setPlace(below ? { top: r.bottom + 4, right } : { bottom: window.innerHeight - r.top + 4, right });
  }, [count]);
  const openAt = (index: number) => {
    placeNow();
    setActive(index);
    setOpen(true);
  };
  // The page scrolled or resized under an open menu: it follows its button.
  useEffect(() => {
    if (!open) return;
    window.addEventListener('scroll', placeNow, true);
    window.addEventListener('resize', placeNow);
    return () => {
      window.removeEventListener('scroll', placeNow, true);
      window.removeEventListener('resize', placeNow);
    };
  }, [open, placeNow]);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const choose = (a: MenuAction) => {
    if (a.disabled) return;
    close(!a.keepsFocus);
    a.onSelect();
  };
  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openAt(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(props.actions.length - 1);
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const n = props.actions.length;
    if (e.key === 'ArrowDown') setActive((i) => (i + 1) % n);
    else if (e.key === 'ArrowUp') setActive((i) => (i - 1 + n) % n);
    else if (e.key === 'Home') setActive(0);
    else if (e.key === 'End') setActive(n - 1);
    else if (e.key === 'Escape') close(true);
    else if (e.key === 'Tab') {
      setOpen(false);
      return; // the focus goes on from the button's place
    } else if (e.key === 'Enter' || e.key === ' ') choose(props.actions[active]!);
    else if (e.key.length === 1 && /\S/.test(e.key)) {
      const k = e.key.toLocaleLowerCase('fr');
      const order = [...props.actions.keys()].map((j) => (active + 1 + j) % n);
      const hit = order.find((j) => props.actions[j]!.label.toLocaleLowerCase('fr').startsWith(k));
      if (hit !== undefined) setActive(hit);
    } else return;
    e.preventDefault();
  };

  return (
    <div className="paraphe-menu">
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        className="fr-btn fr-btn--sm fr-btn--secondary fr-icon-arrow-down-s-line fr-btn--icon-right"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {props.label}
      </button>
      <ul ref={menu} id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} className="paraphe-menu__list" hidden={!open} style={place ?? undefined} onKeyDown={onMenuKey}>
        {props.actions.map((a, i) => (
          <li
            key={a.label}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={a.disabled || undefined}
            className={`paraphe-menu__item${a.danger ? ' paraphe-menu__item--danger' : ''}${i === active ? ' paraphe-menu__item--active' : ''}`}
            onClick={() => choose(a)}
            onMouseEnter={() => setActive(i)}
          >
            {a.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
