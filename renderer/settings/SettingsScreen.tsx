import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { OFFLINE_POLICIES, SIGNING_LEVELS, urlProblem, type OfflinePolicy, type Settings, type SigningLevel } from '../../shared/ipc/channels/settings';
import { useI18n } from '../i18n/I18nProvider';
import { settingsMessages, type SettingsMessages } from './settings-messages';
import { useSettings, type SettingsState } from './use-settings';

/** The settings screen wired to main: the hook holds the IPC, the screen only shows. */
export function SettingsPage(props: { onBack: () => void }) {
  const { lang } = useI18n();
  const h = useSettings();
  return <SettingsScreen m={settingsMessages[lang]} state={h.state} onSave={h.save} onTest={(tsa, proxy) => void h.test(tsa, proxy)} onBack={props.onBack} />;
}

type Field = 'tsaUrl' | 'proxyUrl';

/** What the form finds wrong before asking main, in the user's language; undefined when nothing. */
export function formProblem(m: SettingsMessages, s: Settings, forTest = false): { field: Field; message: string } | undefined {
  const tsa = s.tsaUrl?.trim() ?? '';
  const proxy = s.proxyUrl?.trim() ?? '';
  if (tsa) {
    const p = urlProblem(tsa);
    if (p) return { field: 'tsaUrl', message: m.urlProblems[p] };
  } else if (s.level !== 'B-B' || forTest) {
    return { field: 'tsaUrl', message: m.needsTsa };
  }
  if (proxy) {
    const p = urlProblem(proxy, { allowCredentials: true, httpOnly: true });
    if (p) return { field: 'proxyUrl', message: m.urlProblems[p] };
  }
  return undefined;
}

/** TSA, proxy, level and offline policy; « Enregistrer » and « Tester l’horodatage ». Keyboard only: every control is a native input or button. */
export function SettingsScreen(props: {
  m: SettingsMessages;
  state: SettingsState;
  onSave: (s: Settings) => Promise<boolean>;
  onTest: (tsaUrl: string, proxyUrl: string | null) => void;
  onBack: () => void;
}) {
  const { m, state } = props;
  const stored = state.view?.settings;
  const [tsaUrl, setTsaUrl] = useState('');
  const [proxyUrl, setProxyUrl] = useState('');
  const [level, setLevel] = useState<SigningLevel>('B-B');
  const [offline, setOffline] = useState<OfflinePolicy>('b-b-with-notice');
  const [local, setLocal] = useState<{ field: Field; message: string } | undefined>();
  const tsaRef = useRef<HTMLInputElement>(null);
  const proxyRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!stored) return;
    setTsaUrl(stored.tsaUrl ?? '');
    setProxyUrl(stored.proxyUrl ?? '');
    setLevel(stored.level);
    setOffline(stored.offline);
  }, [stored]);

  // A refused field takes the focus, so that the keyboard user lands on what to correct.
  const problem = local ?? (state.error?.field ? { field: state.error.field, message: state.error.message } : undefined);
  useEffect(() => {
    if (problem?.field === 'tsaUrl') tsaRef.current?.focus();
    if (problem?.field === 'proxyUrl') proxyRef.current?.focus();
  }, [problem?.field, problem?.message]);

  const current = (): Settings => ({ tsaUrl: tsaUrl.trim() || null, proxyUrl: proxyUrl.trim() || null, level, offline });
  // Buttons stay enabled while main works (a disabled button would drop the keyboard focus): a second press waits.
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.busy) return;
    const found = formProblem(m, current());
    setLocal(found);
    if (!found) void props.onSave(current());
  };
  const test = () => {
    if (state.busy) return;
    const found = formProblem(m, current(), true);
    setLocal(found);
    if (!found) props.onTest(tsaUrl.trim(), proxyUrl.trim() || null);
  };
  const highest = state.view?.highestLevel ?? 'B-LT';
  const beyond = (l: SigningLevel) => SIGNING_LEVELS.indexOf(l) > SIGNING_LEVELS.indexOf(highest);

  return (
    <>
      <div className="fr-grid-row fr-grid-row--middle fr-mb-3w">
        <h1 className="fr-h2 fr-mb-0 fr-col">{m.heading}</h1>
        <button type="button" className="fr-btn fr-btn--tertiary fr-icon-arrow-left-line fr-btn--icon-left" onClick={props.onBack}>{m.back}</button>
      </div>
      <p>{m.intro}</p>
      {state.view?.notice ? <Alert severity="warning" small description={<span lang="fr">{state.view.notice}</span>} className="fr-mb-3w" /> : null}
      {state.error && !state.error.field ? (
        <div className="fr-alert fr-alert--error fr-alert--sm fr-mb-3w" role="alert"><p lang="fr">{state.error.message}</p></div>
      ) : null}
      <div role="status" className="fr-mb-2w">
        {state.saved ? <p className="fr-alert fr-alert--success fr-alert--sm">{m.saved}</p> : null}
        {state.tested ? <p className="fr-alert fr-alert--success fr-alert--sm">{m.tested(state.tested.time, state.tested.authority, state.tested.elapsedMs)}</p> : null}
        {state.busy ? <p>{state.busy === 'save' ? m.saving : m.testing}</p> : null}
      </div>
      {!state.view && !state.error ? <p>{m.loading}</p> : null}
      {state.view ? (
        <form onSubmit={submit} noValidate aria-label={m.heading}>
          <Input
            label={m.tsaLabel}
            hintText={m.tsaHint}
            state={problem?.field === 'tsaUrl' ? 'error' : 'default'}
            stateRelatedMessage={problem?.field === 'tsaUrl' ? <span lang={local ? undefined : 'fr'}>{problem.message}</span> : undefined}
            nativeInputProps={{ ref: tsaRef, name: 'tsaUrl', type: 'url', inputMode: 'url', autoComplete: 'off', spellCheck: false, value: tsaUrl, maxLength: 2000, onChange: (e) => setTsaUrl(e.target.value) }}
          />
          <Input
            label={m.proxyLabel}
            hintText={m.proxyHint}
            state={problem?.field === 'proxyUrl' ? 'error' : 'default'}
            stateRelatedMessage={problem?.field === 'proxyUrl' ? <span lang={local ? undefined : 'fr'}>{problem.message}</span> : undefined}
            nativeInputProps={{ ref: proxyRef, name: 'proxyUrl', type: 'url', inputMode: 'url', autoComplete: 'off', spellCheck: false, value: proxyUrl, maxLength: 2000, onChange: (e) => setProxyUrl(e.target.value) }}
          />
          <RadioButtons
            legend={m.levelLegend}
            hintText={m.levelHint}
            name="level"
            options={SIGNING_LEVELS.map((l) => ({
              label: m.levels[l].label,
              hintText: `${m.levels[l].hint}${beyond(l) ? m.notYet(highest) : ''}`,
              nativeInputProps: { value: l, checked: level === l, onChange: () => setLevel(l) },
            }))}
          />
          <RadioButtons
            legend={m.offlineLegend}
            name="offline"
            options={OFFLINE_POLICIES.map((p) => ({
              label: p === 'refuse' ? m.offlineRefuse : m.offlineFallback,
              hintText: p === 'refuse' ? m.offlineRefuseHint : m.offlineFallbackHint,
              nativeInputProps: { value: p, checked: offline === p, onChange: () => setOffline(p) },
            }))}
          />
          <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--icon-left">
            <li><Button type="submit" iconId="fr-icon-save-line">{state.busy === 'save' ? m.saving : m.save}</Button></li>
            <li><Button type="button" priority="secondary" iconId="fr-icon-time-line" onClick={test}>{state.busy === 'test' ? m.testing : m.test}</Button></li>
          </ul>
        </form>
      ) : null}
    </>
  );
}
