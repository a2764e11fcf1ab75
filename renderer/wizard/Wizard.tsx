import { useCallback, useDeferredValue, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { Stepper } from '@codegouvfr/react-dsfr/Stepper';
import type { Convention } from '../../shared/model/convention';
import { validateConvention } from '../../shared/rules/validate';
import type { ConventionRecordDto } from '../../shared/ipc/channels/conventions';
import { EditingContext } from './components/editing-context';
import { RemovalContext } from './components/removal-context';
import { LockedContext } from './components/locked-context';
import { LockedBanner } from './components/LockedBanner';
import { FindingsContext, indexFindings } from './components/findings-context';
import { HistoryPanel } from './components/HistoryPanel';
import { ImportFindingsNotice, type ImportFinding } from './components/ImportFindingsNotice';
import { StepNav } from './components/StepNav';
import { useAutosave, type SaveState } from './hooks/use-autosave';
import { useConventionRecord } from './hooks/use-convention-record';
import { useFinalize } from './hooks/use-finalize';
import { draftReducer, initialDraft } from './model/history';
import { STEPS, fieldId, findingsByStep, stepIndex, stepIsBlank, stepLabel, stepOfPath, type StepId } from './model/steps';
import { useWizardText } from '../i18n/use-wizard-text';
import { StepBody } from './StepBody';
import './wizard.css';

/** The step-by-step editor of one convention, mounted by the home screen. */
export function Wizard(props: { conventionId: string; importFindings?: readonly ImportFinding[] | undefined; onClose: () => void }) {
  const { state, reload } = useConventionRecord(props.conventionId);
  // A restored version is a new content: the editor starts again from what main holds.
  const [generation, setGeneration] = useState(0);
  const t = useWizardText();
  if (state.status === 'loading') return <p aria-busy="true">{t.loadingConvention}</p>;
  if (state.status === 'error') {
    return (
      <div>
        <div className="fr-alert fr-alert--error" role="alert">
          <h2 className="fr-alert__title">{t.openFailed}</h2>
          <p lang="fr">{state.message}</p>
        </div>
        <button type="button" className="fr-btn fr-mt-2w" onClick={props.onClose}>
          {t.backToList}
        </button>
      </div>
    );
  }
  return (
    <WizardEditor
      key={`${state.record.summary.id}:${generation}`}
      record={state.record}
      importFindings={generation === 0 ? props.importFindings : undefined}
      onClose={props.onClose}
      onReload={() => void reload().then(() => setGeneration((g) => g + 1))}
    />
  );
}

function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  const t = useWizardText();
  let text = '';
  let cls = '';
  switch (state.status) {
    case 'saved':
      text = dirty ? t.pending : t.saved(state.at);
      break;
    case 'pending':
      text = t.pending;
      break;
    case 'saving':
      text = t.saving;
      break;
    case 'error':
      text = t.notSaved(state.message);
      cls = ' paraphe-save--error';
      break;
    default:
      text = dirty ? t.pending : '';
  }
  return (
    <p className={`paraphe-save fr-text--sm${cls}`} role="status" aria-live="polite" data-testid="save-status">
      {text}
    </p>
  );
}

const isEditable = (el: EventTarget | null) => el instanceof HTMLElement && el.isContentEditable;

function WizardEditor({ record, importFindings, onClose, onReload }: { record: ConventionRecordDto; importFindings?: readonly ImportFinding[] | undefined; onClose: () => void; onReload: () => void }) {
  const [historyOpen, setHistoryOpen] = useState(false);
  const t = useWizardText();
  const [draft, dispatch] = useReducer(draftReducer, record.convention, initialDraft);
  const convention = draft.present;
  const [step, setStep] = useState<StepId>('general');
  const [focusPath, setFocusPath] = useState<string | undefined>(undefined);
  const [finalized, setFinalized] = useState<{ contentSha256: string; revision: number } | undefined>(
    record.finalized && record.summary.status !== 'draft' ? { contentSha256: record.finalized.contentSha256, revision: 0 } : undefined,
  );
  const firstRender = useRef(true);
  // Finalized (being signed, signed): the content is the signed text, read-only until reopened.
  const [status, setStatus] = useState(record.summary.status);
  const locked = status !== 'draft';
  const lockedRef = useRef(locked);
  lockedRef.current = locked;

  // Findings show on a step once the user has typed in it, left it once, or opened the review:
  // a blank template does not open on a page of red errors.
  const [seenSteps, setSeenSteps] = useState<ReadonlySet<StepId>>(() => new Set());
  const [reviewed, setReviewed] = useState(false);
  const reveal = useCallback((id: StepId) => setSeenSteps((s) => (s.has(id) ? s : new Set(s).add(id))), []);
  const seen = useCallback((id: StepId) => reviewed || seenSteps.has(id), [reviewed, seenSteps]);
  const currentStep = useRef<StepId>(step);
  currentStep.current = step;

  const edit = useCallback((recipe: (c: Convention) => Convention, key?: string) => {
    if (lockedRef.current) return;
    dispatch({ type: 'edit', recipe, key, at: Date.now() });
    reveal(currentStep.current);
  }, [reveal]);
  const { state: saveState, flush, dirty } = useAutosave(convention, draft.revision);
  // A body editor holding text not yet in the draft: the draft is not saved either.
  const [typing, setTyping] = useState(false);
  const editing = useMemo(() => ({ typing: setTyping }), []);

  // Validation follows the draft as a non-urgent update: typing never waits for it.
  const deferred = useDeferredValue(convention);
  const findings = useMemo(() => validateConvention(deferred), [deferred]);
  const byPath = useMemo(() => indexFindings(findings.filter((f) => seen(stepOfPath(f.path) ?? 'review'))), [findings, seen]);
  const byStep = useMemo(() => findingsByStep(findings), [findings]);
  const blank = useMemo(() => new Set(STEPS.filter((s) => s.editing && stepIsBlank(s, deferred)).map((s) => s.id)), [deferred]);

  const stillFinalized = finalized && finalized.revision === draft.revision ? finalized : undefined;
  const onFinalized = useCallback((contentSha256: string) => {
    setFinalized({ contentSha256, revision: draft.revision });
    setStatus('finalized');
  }, [draft.revision]);
  const { state: finalizeState, finalize } = useFinalize(record.summary.id, flush, onFinalized);

  // The last removal (« Visa 3 supprimé. Ctrl+Z pour annuler. »), shown until the next step or undo.
  const [removal, setRemoval] = useState<string | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The removed item's button is gone: focus goes to « Annuler », one key from taking it back.
    if (removal) undoButton.current?.focus();
  }, [removal]);

  const goToStep = useCallback((id: StepId) => {
    setRemoval(null);
    reveal(currentStep.current);
    if (id === 'review' || id === 'finalize') setReviewed(true);
    setStep(id);
    setFocusPath(undefined);
  }, [reveal]);
  const goToPath = useCallback((path: string) => {
    const id = stepOfPath(path);
    if (!id) return;
    reveal(id);
    setRemoval(null);
    setStep(id);
    setFocusPath(path);
  }, [reveal]);

  // A new step: move focus to its heading so that keyboard and screen-reader users start there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (focusPath) return;
    // The DSFR stepper's title (an h2) is the step's heading; it is not focusable by itself.
    const heading = document.querySelector<HTMLElement>('#paraphe-stepper h2');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [step, focusPath]);

  // A finding link: focus the field, or the closest enclosing group, once its step is drawn.
  useEffect(() => {
    if (!focusPath) return;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      const parts = focusPath.split(/(?=[.[])/);
      for (let n = parts.length; n > 0; n -= 1) {
        const p = parts.slice(0, n).join('');
        const el = document.getElementById(fieldId(p)) ?? document.getElementById(`${fieldId(p)}-constats`);
        if (el) {
          el.scrollIntoView({ block: 'center' });
          el.focus();
          return;
        }
      }
      if (tries++ < 5) frame = requestAnimationFrame(attempt);
    };
    frame = requestAnimationFrame(attempt);
    return () => cancelAnimationFrame(frame);
  }, [focusPath, step]);

  // Alt+Page suivante / précédente: next or previous step, from anywhere.
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'PageDown' && e.key !== 'PageUp')) return;
      const target = STEPS[stepIndex(stepRef.current) + (e.key === 'PageDown' ? 1 : -1)];
      if (!target) return;
      e.preventDefault();
      goToStep(target.id);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [goToStep]);

  // Undo / redo everywhere except inside a body editor, which has its own history.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented || isEditable(e.target) || lockedRef.current) return;
      const k = e.key.toLowerCase();
      if (k === 'z' && !e.shiftKey) dispatch({ type: 'undo' });
      else if (k === 'y' || (k === 'z' && e.shiftKey)) dispatch({ type: 'redo' });
      else return;
      setRemoval(null);
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const index = stepIndex(step);
  const def = STEPS[index]!;
  const next = STEPS[index + 1];
  const prev = STEPS[index - 1];
  const title = convention.shortTitle.trim() || convention.title.trim() || t.untitled;

  const close = async () => {
    await flush();
    onClose();
  };

  return (
    <EditingContext.Provider value={editing}>
    <RemovalContext.Provider value={setRemoval}>
    <LockedContext.Provider value={locked}>
    <FindingsContext.Provider value={byPath}>
      <div className="paraphe-wizard">
        <div className="paraphe-wizard__bar">
          <div>
            <p className="fr-text--sm fr-mb-0">{t.kind[convention.kind]}</p>
            <h1 className="fr-h3 fr-mb-0 paraphe-wizard__title">{title}</h1>
          </div>
          <div className="paraphe-wizard__actions">
            <SaveStatus state={saveState} dirty={dirty || typing} />
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={() => dispatch({ type: 'undo' })} disabled={locked || draft.past.length === 0} title={t.undoTitle}>
              {t.undo}
            </button>
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={() => dispatch({ type: 'redo' })} disabled={locked || draft.future.length === 0} title={t.redoTitle}>
              {t.redo}
            </button>
            <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" aria-expanded={historyOpen} aria-controls="paraphe-historique" onClick={() => setHistoryOpen((o) => !o)}>
              {t.history}
            </button>
            <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={() => void close()}>
              {t.close}
            </button>
          </div>
        </div>
        <div id="paraphe-historique">
          <HistoryPanel conventionId={record.summary.id} open={historyOpen} flush={flush} onRestored={onReload} locked={locked} />
        </div>
        <ImportFindingsNotice conventionId={record.summary.id} initial={importFindings} onGo={goToPath} />
        {status !== 'draft' ? <LockedBanner conventionId={record.summary.id} status={status} onReopened={onReload} /> : null}
        {finalized && !stillFinalized ? (
          <div className="fr-notice fr-notice--info paraphe-spaced">
            <div className="fr-container">
              <div className="fr-notice__body">
                <p className="fr-notice__title">{t.changedAfterFinalize}</p>
              </div>
            </div>
          </div>
        ) : null}
        <div className="paraphe-wizard__layout">
          <StepNav current={step} byStep={byStep} onSelect={goToStep} seen={seen} blank={blank} />
          <section className="paraphe-wizard__step" aria-labelledby="paraphe-step-title-text">
            <Stepper
              id="paraphe-stepper"
              currentStep={index + 1}
              stepCount={STEPS.length}
              title={<span id="paraphe-step-title-text">{stepLabel(def, t.lang)}</span>}
              nextTitle={next ? stepLabel(next, t.lang) : undefined}
              progressText={({ currentStep, stepCount }) => t.progress(currentStep, stepCount)}
              nextStepText={t.nextStep}
            />
            <div aria-live="polite" data-testid="removal-notice">
              {removal ? (
                <div className="fr-alert fr-alert--info fr-alert--sm paraphe-spaced">
                  <p>
                    {removal.charAt(0).toUpperCase() + removal.slice(1)}{' '}
                    <button
                      ref={undoButton}
                      type="button"
                      className="fr-btn fr-btn--tertiary fr-btn--sm fr-ml-1w"
                      onClick={() => {
                        dispatch({ type: 'undo' });
                        setRemoval(null);
                      }}
                    >
                      {t.undo}
                    </button>
                  </p>
                </div>
              ) : null}
            </div>
            <StepBody
              step={step}
              convention={convention}
              edit={edit}
              findings={findings}
              byStep={byStep}
              focusPath={focusPath}
              onGo={goToPath}
              finalize={{ state: finalizeState, run: () => void finalize(), finalized: stillFinalized, changedSinceFinalized: !!finalized && !stillFinalized, lockedOnce: !!stillFinalized }}
              onStep={goToStep}
              conventionId={record.summary.id}
              flush={flush}
              locked={locked}
              onSigningChanged={setStatus}
            />
            <div className="paraphe-wizard__footer">
              {prev ? (
                <button type="button" className="fr-btn fr-btn--secondary" onClick={() => goToStep(prev.id)}>
                  ← {stepLabel(prev, t.lang)}
                </button>
              ) : (
                <span />
              )}
              {next ? (
                <button type="button" className="fr-btn" onClick={() => goToStep(next.id)}>
                  {stepLabel(next, t.lang)} →
                </button>
              ) : null}
            </div>
          </section>
        </div>
      </div>
    </FindingsContext.Provider>
    </LockedContext.Provider>
    </RemovalContext.Provider>
    </EditingContext.Provider>
  );
}
