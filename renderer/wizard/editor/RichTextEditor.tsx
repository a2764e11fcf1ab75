import { memo, startTransition, useContext, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { EditingContext } from '../components/editing-context';
import { LockedContext } from '../components/locked-context';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import type { Block } from '../../../shared/model/blocks';
import { SUB_ARTICLE_KEY, editorExtensions } from './extensions';
import { useWizardText } from '../../i18n/use-wizard-text';
import { ACCOUNTING_NODE, BUDGET_NODE, REFERENCE_NODE, blocksToDoc, docToBlocks, type PmNode } from './tiptap-blocks';
import { ReferenceLabels, referenceTextAt, type EditorReferences, type ReferenceChoice } from './references';
import { ReferenceMenu } from './ReferenceMenu';
import { cleanPastedHtml, pasteTablesAfterList, type Dropped } from './paste';
import './editor-numbering.css';

interface RichTextEditorProps {
  /** DOM id of the editable area (a finding's link focuses it). */
  readonly id: string;
  /** Accessible name: « Contenu de l'article 3 ». */
  readonly label: string;
  readonly value: readonly Block[];
  readonly onChange: (blocks: Block[]) => void;
  /** Offer the budget-table and accounting-references blocks (articles and annexes). */
  readonly computedBlocks?: boolean;
  /**
   * The article's number (« 3 »): numbered headings can be made and show « 3.1 », « 3.2 »…
   * live. Absent (annexes, preamble): no sub-article numbers.
   */
  readonly articleNumber?: number;
  /** Articles and annexes references can point to, and their current labels; absent: no « Renvoi… » tool. */
  readonly references?: EditorReferences;
}

/**
 * A word-processor-like body editor (Tiptap) over our blocks. The model stays the truth: the
 * editor reports each change as `Block[]`, and is reset from `value` only when the value
 * changed from outside (undo, reorder), never while echoing its own change.
 */
const NO_LABELS: ReadonlyMap<string, string> = new Map();

/** Delay after the last keystroke before the model (findings, autosave, undo) follows the editor. */
export const SYNC_DELAY_MS = 150;

export const RichTextEditor = memo(function RichTextEditor(props: RichTextEditorProps) {
  const lastEmitted = useRef<readonly Block[]>(props.value);
  // Values sent up but not yet seen back: the wizard applies body changes as a transition, so
  // a render may still carry an older one of them while the editor already holds newer text.
  const inFlight = useRef<Array<readonly Block[]>>([]);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const editorRef = useRef<Editor | null>(null);
  const dirty = useRef(false);
  const nativeTyping = useRef(false);
  const editing = useContext(EditingContext);
  const locked = useContext(LockedContext);
  const editingRef = useRef(editing);
  editingRef.current = editing;
  const t = useWizardText();
  // What reference chips show; updated in place when articles move (see references.ts).
  const [labels] = useState(() => {
    const l = new ReferenceLabels();
    l.set(props.references?.labels ?? NO_LABELS);
    return l;
  });
  useLayoutEffect(() => labels.set(props.references?.labels ?? NO_LABELS), [labels, props.references?.labels]);
  // What the last paste could not keep, said under the editor until the next paste.
  const [pasteNotice, setPasteNotice] = useState<readonly Dropped[]>([]);
  const pasteDropped = useRef<Dropped[]>([]);
  /** Sends the editor's content up as blocks, if it changed since the last time. */
  const emit = () => {
    clearTimeout(pending.current);
    const ed = editorRef.current;
    if (!ed || !dirty.current) return;
    dirty.current = false;
    // A reference's stored text is its last printed form: kept up to date with each save.
    const blocks = labels.refresh(docToBlocks(ed.getJSON() as PmNode));
    lastEmitted.current = blocks;
    inFlight.current.push(blocks);
    // One update: « typing » must not end on screen before the draft has the text, or
    // « Enregistré » would flash over text that is not saved yet.
    startTransition(() => {
      editingRef.current.typing(false);
      onChange.current(blocks);
    });
  };

  const editor = useEditor({
    editable: !locked,
    extensions: editorExtensions(t, labels, props.articleNumber),
    content: blocksToDoc(props.value),
    immediatelyRender: true,
    // Tiptap would inject a <style> element, which the CSP refuses: wizard.css carries those rules.
    injectCSS: false,
    // The toolbar subscribes to what it needs; the editor itself must not re-render React per keystroke.
    shouldRerenderOnTransaction: false,
    editorProps: {
      // Plain typing is inserted by the browser, which has already scrolled the caret into
      // view: ProseMirror's own scroll would measure every ancestor again on each keystroke.
      handleTextInput: () => {
        nativeTyping.current = true;
        queueMicrotask(() => {
          nativeTyping.current = false;
        });
        return false;
      },
      handleScrollToSelection: () => nativeTyping.current,
      transformPastedHTML: (html) => {
        const cleaned = cleanPastedHtml(html);
        pasteDropped.current = cleaned.dropped;
        return cleaned.html;
      },
      handlePaste: (view, _event, slice) => {
        const moved = pasteTablesAfterList(view, slice);
        setPasteNotice(moved ? [...pasteDropped.current, 'table-moved'] : pasteDropped.current);
        pasteDropped.current = [];
        return moved;
      },
      attributes: {
        id: props.id,
        class: 'paraphe-editor__content',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': props.label,
        spellcheck: 'true',
        lang: 'fr',
      },
    },
    onUpdate: () => {
      if (!dirty.current) editingRef.current.typing(true);
      dirty.current = true;
      // Converting and re-rendering the wizard on every keystroke would cost each keystroke
      // its paint in a long convention: the model follows a moment later (and on blur).
      clearTimeout(pending.current);
      pending.current = setTimeout(emit, SYNC_DELAY_MS);
    },
    onBlur: () => emit(),
  });

  editorRef.current = editor;
  useEffect(() => {
    if (editor.isEditable === locked) editor.setEditable(!locked, false);
  }, [editor, locked]);
  // The article moved: its sub-article numbers follow (a view-only change, not an edit).
  useLayoutEffect(() => {
    if (SUB_ARTICLE_KEY.getState(editor.state)?.article === props.articleNumber) return;
    editor.view.dispatch(editor.state.tr.setMeta(SUB_ARTICLE_KEY, { article: props.articleNumber }).setMeta('addToHistory', false));
  }, [editor, props.articleNumber]);
  // Leaving the step (or the article) keeps what was typed in the last moment.
  useEffect(() => () => emit(), []);

  useEffect(() => {
    const echo = inFlight.current.indexOf(props.value);
    if (echo >= 0) {
      // Our own change coming back (possibly an older one): the editor is already ahead.
      inFlight.current.splice(0, echo + 1);
      return;
    }
    if (props.value === lastEmitted.current) return;
    inFlight.current = [];
    lastEmitted.current = props.value;
    // Not added to the editor's own history: the wizard's undo owns this change.
    editor.chain().setMeta('addToHistory', false).setContent(blocksToDoc(props.value) as never, { emitUpdate: false }).run();
  }, [props.value, editor]);

  return (
    <div className="paraphe-editor">
      <Toolbar
        editor={editor}
        label={props.label}
        computedBlocks={props.computedBlocks ?? false}
        subArticles={props.articleNumber !== undefined}
        references={props.references?.choices}
      />
      <EditorContent editor={editor} onKeyDown={(e) => {
        // Tab indents list items, so Échap is the way out of the editor for keyboard users.
        if (e.key === 'Escape') {
          e.preventDefault();
          focusAfter(e.currentTarget);
        }
      }} />
      <p className="fr-hint-text paraphe-editor__hint">{t.editorHint}</p>
      <p className={pasteNotice.length ? 'fr-message fr-message--info paraphe-editor__paste' : 'paraphe-editor__paste'} role="status">
        {pasteNotice.length ? t.pasteDropped(pasteNotice) : null}
      </p>
    </div>
  );
});

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

/** Focuses the first focusable element after `el` in document order. */
function focusAfter(el: HTMLElement): void {
  const all = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE));
  const next = all.find((x) => !el.contains(x) && (el.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
  next?.focus();
}

interface ToolbarProps {
  readonly editor: Editor;
  readonly label: string;
  readonly computedBlocks: boolean;
  /** Offer « Sous-article numéroté » (in an article). */
  readonly subArticles: boolean;
  /** Offer « Renvoi… » with these targets. */
  readonly references: readonly ReferenceChoice[] | undefined;
}

function Toolbar({ editor, label, computedBlocks, subArticles, references }: ToolbarProps) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      heading: e.isActive('heading'),
      numbered: e.isActive('heading', { numbered: true }),
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      inList: e.isActive('listItem'),
      inTable: e.isActive('table'),
    }),
  });
  const t = useWizardText();
  const btn = ([text, title]: readonly [string, string], run: () => void, opts: { pressed?: boolean; disabled?: boolean } = {}) => (
    <button
      type="button"
      className="fr-btn fr-btn--tertiary fr-btn--sm"
      title={title}
      aria-pressed={opts.pressed}
      disabled={opts.disabled}
      // Keep the selection in the editor while clicking.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => {
        run();
        backToText();
      }}
    >
      {text}
    </button>
  );
  const chain = () => editor.chain().focus();
  // Tiptap's focus() moves the caret back into the text one animation frame later: a key typed
  // right after a tool or a menu choice would land on the toolbar (or nowhere, the menu gone).
  // Focus goes back at once instead, the selection with it.
  const backToText = () => {
    if (!editor.isDestroyed && !editor.view.hasFocus()) editor.view.focus();
  };
  const [said, setSaid] = useState('');
  const toggleNumbered = () => {
    if (s.numbered) chain().updateAttributes('heading', { numbered: false }).run();
    else if (s.heading) chain().updateAttributes('heading', { numbered: true }).run();
    else chain().setNode('heading', { level: 3, numbered: true }).run();
  };
  const insertReference = (choice: ReferenceChoice) => {
    const { $from } = editor.state.selection;
    const before = $from.parent.textBetween(0, $from.parentOffset, undefined, '\ufffc');
    const text = referenceTextAt(choice.label, before);
    chain().insertContent({ type: REFERENCE_NODE, attrs: { target: choice.id, text } }).run();
    backToText();
    setSaid(t.numbering.inserted(text));
  };
  // One tab stop for the whole toolbar (ARIA toolbar pattern): Tab goes on to the text at once,
  // ← → Début Fin move between the tools. The stop stays on the last tool used.
  const bar = useRef<HTMLDivElement>(null);
  const stop = useRef(0);
  const tools = () => Array.from(bar.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? []);
  useLayoutEffect(() => {
    const all = tools();
    if (stop.current >= all.length) stop.current = 0;
    all.forEach((b, i) => {
      b.tabIndex = i === stop.current ? 0 : -1;
    });
  });
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = tools();
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    let next = at;
    if (e.key === 'ArrowRight') next = (at + 1) % all.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + all.length) % all.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    else return;
    e.preventDefault();
    all[at]!.tabIndex = -1;
    all[next]!.tabIndex = 0;
    stop.current = next;
    all[next]!.focus();
  };
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    const i = tools().findIndex((b) => b === (e.target as EventTarget));
    if (i >= 0) stop.current = i;
  };
  return (
    <div ref={bar} className="paraphe-editor__toolbar" role="toolbar" aria-label={t.toolbar(label)} onKeyDown={onKeyDown} onFocus={onFocus}>
      {btn(t.numbering.heading, () => (s.heading ? chain().setParagraph().run() : chain().setNode('heading', { level: 3 }).run()), { pressed: s.heading })}
      {subArticles ? btn(t.numbering.numbered, toggleNumbered, { pressed: s.numbered }) : null}
      {btn(t.tool.bold, () => chain().toggleBold().run(), { pressed: s.bold })}
      {btn(t.tool.italic, () => chain().toggleItalic().run(), { pressed: s.italic })}
      {btn(t.tool.bullet, () => chain().toggleBulletList().run(), { pressed: s.bullet })}
      {btn(t.tool.ordered, () => chain().toggleOrderedList().run(), { pressed: s.ordered })}
      {btn(t.tool.sink, () => chain().sinkListItem('listItem').run(), { disabled: !s.inList })}
      {btn(t.tool.lift, () => chain().liftListItem('listItem').run(), { disabled: !s.inList })}
      {s.inTable ? (
        <>
          {btn(t.tool.addRow, () => chain().addRowAfter().run())}
          {btn(t.tool.addColumn, () => chain().addColumnAfter().run())}
          {btn(t.tool.deleteRow, () => chain().deleteRow().run())}
          {btn(t.tool.deleteColumn, () => chain().deleteColumn().run())}
          {btn(t.tool.deleteTable, () => chain().deleteTable().run())}
        </>
      ) : (
        // A list holds no table (the model could not keep it there).
        btn(t.tool.table, () => chain().insertTable({ rows: 2, cols: 3, withHeaderRow: true }).run(), { disabled: s.inList })
      )}
      {computedBlocks ? (
        <>
          {btn(t.tool.budgetTable, () => chain().insertContent({ type: BUDGET_NODE }).run())}
          {btn(t.tool.accounting, () => chain().insertContent({ type: ACCOUNTING_NODE }).run())}
        </>
      ) : null}
      {references ? (
        <ReferenceMenu
          tool={t.numbering.reference}
          label={t.numbering.menu}
          none={t.numbering.none}
          choices={references}
          onChoose={insertReference}
          onCancel={() => {
            editor.commands.focus();
            backToText();
          }}
        />
      ) : null}
      <span className="fr-sr-only" aria-live="polite">{said}</span>
    </div>
  );
}
