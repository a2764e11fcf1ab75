import type { ReactNode } from 'react';
import type { Convention } from '../../shared/model/convention';
import type { Finding } from '../../shared/model/migrate';
import type { FinalizeState } from './hooks/use-finalize';
import type { StepId } from './model/steps';
import type { Edit } from './steps/step-props';
import { AccountingStep } from './steps/AccountingStep';
import { ArticlesStep } from './steps/ArticlesStep';
import { BudgetStep } from './steps/BudgetStep';
import { ExportStep } from './steps/ExportStep';
import { SignatureStep } from './steps/SignatureStep';
import { FinalizeStep } from './steps/FinalizeStep';
import { GeneralStep } from './steps/GeneralStep';
import { PartiesStep } from './steps/PartiesStep';
import { PreambleStep } from './steps/PreambleStep';
import { ReviewStep } from './steps/ReviewStep';
import { SignatoriesStep } from './steps/SignatoriesStep';
import { VisasStep } from './steps/VisasStep';

interface StepBodyProps {
  readonly step: StepId;
  readonly conventionId: string;
  readonly convention: Convention;
  readonly edit: Edit;
  readonly findings: readonly Finding[];
  readonly byStep: ReadonlyMap<StepId, readonly Finding[]>;
  readonly focusPath?: string;
  readonly onGo: (path: string) => void;
  readonly flush: () => Promise<boolean>;
  readonly finalize: {
    readonly state: FinalizeState;
    readonly run: () => void;
    readonly finalized?: { readonly contentSha256: string };
    readonly changedSinceFinalized: boolean;
    /** The stored content is finalized (now or in an earlier session) and unchanged since. */
    readonly lockedOnce: boolean;
  };
  readonly onStep: (id: StepId) => void;
  /** Finalized: the content steps are shown read-only (their fields disabled). */
  readonly locked: boolean;
  /** The signing steps tell the wizard when signing moves the convention on (signing, signed). */
  readonly onSigningChanged: (status: 'finalized' | 'signing' | 'signed') => void;
}

/** Holds a content step: disabled as a whole (every field, every button) while the text is locked. */
function Lockable({ locked, children }: { locked: boolean; children: ReactNode }) {
  return (
    <fieldset className="paraphe-lockable" disabled={locked} data-locked={locked ? 'true' : undefined}>
      {children}
    </fieldset>
  );
}

/** The current step's screen. Only this step is mounted: a long convention stays light. */
export function StepBody(p: StepBodyProps) {
  const common = { convention: p.convention, edit: p.edit };
  const content = contentStep(p, common);
  if (content) return <Lockable locked={p.locked}>{content}</Lockable>;
  switch (p.step) {
    case 'review':
      return <ReviewStep conventionId={p.conventionId} convention={p.convention} findings={p.findings} onGo={p.onGo} flush={p.flush} />;
    case 'finalize':
      return (
        <FinalizeStep
          findings={p.findings}
          finalized={p.finalize.finalized}
          changedSinceFinalized={p.finalize.changedSinceFinalized}
          state={p.finalize.state}
          onFinalize={p.finalize.run}
          onGo={p.onGo}
        />
      );
    case 'signature':
      return <SignatureStep conventionId={p.conventionId} finalized={p.finalize.lockedOnce || p.locked} onGoFinalize={() => p.onStep('finalize')} onGoExport={() => p.onStep('export')} onStatus={p.onSigningChanged} />;
    case 'export':
      return <ExportStep conventionId={p.conventionId} flush={p.flush} onGoSign={() => p.onStep('signature')} />;
    default:
      return null;
  }
}

/** The steps that edit the text itself; null for the others. */
function contentStep(p: StepBodyProps, common: { convention: Convention; edit: Edit }): ReactNode {
  switch (p.step) {
    case 'general':
      return <GeneralStep {...common} />;
    case 'parties':
      return <PartiesStep {...common} />;
    case 'visas':
      return <VisasStep {...common} />;
    case 'preamble':
      return <PreambleStep {...common} />;
    case 'articles':
      return <ArticlesStep {...common} which="articles" focusPath={p.focusPath} />;
    case 'budget':
      return <BudgetStep {...common} />;
    case 'accounting':
      return <AccountingStep {...common} />;
    case 'annexes':
      return <ArticlesStep {...common} which="annexes" focusPath={p.focusPath} />;
    case 'signatories':
      return <SignatoriesStep {...common} />;
    default:
      return null;
  }
}
