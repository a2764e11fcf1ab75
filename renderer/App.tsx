import { Header } from '@codegouvfr/react-dsfr/Header';
import { Suspense, lazy, useEffect, useState } from 'react';
import { HomeScreen } from './home/HomeScreen';
import { NoticeBanner } from './home/NoticeBanner';
import { RecoveryNotice } from './home/RecoveryNotice';
import { useConventionActions } from './hooks/useConventionActions';
import { useHomeData } from './hooks/useHome';
import { useI18n } from './i18n/I18nProvider';
import { TrashView } from './trash/TrashView';
import type { ImportFinding } from './wizard/components/ImportFindingsNotice';

// The editor is its own chunk: the home screen opens fast and the wizard loads on « Ouvrir ».
const Wizard = lazy(() => import('./wizard/Wizard').then((m) => ({ default: m.Wizard })));
const VerifyPdfPage = lazy(() => import('./verify/VerifyPdfScreen').then((m) => ({ default: m.VerifyPdfPage })));
const ReceivedPage = lazy(() => import('./received/ReceivedScreen').then((m) => ({ default: m.ReceivedPage })));
const IdentitiesPage = lazy(() => import('./identities/IdentitiesScreen').then((m) => ({ default: m.IdentitiesPage })));
const SettingsPage = lazy(() => import('./settings/SettingsScreen').then((m) => ({ default: m.SettingsPage })));

type View =
  | { readonly name: 'home' } | { readonly name: 'trash' } | { readonly name: 'verify' } | { readonly name: 'received' }
  | { readonly name: 'identities' } | { readonly name: 'settings' }
  // `imported`: what the Word reader noticed, shown at once when the new draft opens (main also keeps it with the draft).
  | { readonly name: 'wizard'; readonly id: string; readonly imported?: readonly ImportFinding[] };

/** The app: header, start-up report, and the current view (list, trash, editor). */
export function App() {
  const { t, lang, setLang } = useI18n();
  const data = useHomeData();
  const actions = useConventionActions(t, data.refresh);
  const [view, setView] = useState<View>({ name: 'home' });

  useEffect(() => {
    document.title = t.homeTitle;
  }, [t]);

  // The menu's « Réglages de signature… » (main pushes it to this window).
  useEffect(() => window.paraphe?.onNavigate?.((e) => {
    if (e.to === 'settings') setView({ name: 'settings' });
  }), []);

  return (
    <>
      <Header
        brandTop={<>République<br />Française</>}
        serviceTitle={t.appName}
        serviceTagline={t.tagline}
        homeLinkProps={{ href: '#', title: t.homeTitle, onClick: (e) => { e.preventDefault(); setView({ name: 'home' }); } }}
        quickAccessItems={[
          {
            iconId: 'fr-icon-translate-2',
            text: t.switchLanguage,
            buttonProps: { title: t.switchLanguageTitle, lang: lang === 'fr' ? 'en' : 'fr', onClick: () => setLang(lang === 'fr' ? 'en' : 'fr') },
          },
        ]}
      />
      <main id="contenu" className="fr-container fr-py-4w" tabIndex={-1}>
        {data.appInfo?.recovery && (
          <RecoveryNotice t={t} message={data.appInfo.recovery.message} files={data.appInfo.recovery.items.map((i) => i.file)} />
        )}
        {data.loadError && <NoticeBanner t={t} notice={{ severity: 'error', text: data.loadError }} onClose={() => void data.refresh()} />}
        <NoticeBanner t={t} notice={actions.notice} onClose={actions.dismissNotice} />
        {view.name === 'wizard' ? (
          <Suspense fallback={<p>{t.loading}</p>}>
            <Wizard conventionId={view.id} importFindings={view.imported} onClose={() => { setView({ name: 'home' }); void data.refresh(); }} />
          </Suspense>
        ) : view.name === 'verify' || view.name === 'identities' || view.name === 'received' ? (
          <Suspense fallback={<p>{t.loading}</p>}>
            {view.name === 'verify' ? (
              <VerifyPdfPage onBack={() => setView({ name: 'home' })} />
            ) : view.name === 'received' ? (
              <ReceivedPage onBack={() => setView({ name: 'home' })} />
            ) : (
              <IdentitiesPage onBack={() => setView({ name: 'home' })} />
            )}
          </Suspense>
        ) : view.name === 'settings' ? (
          <Suspense fallback={<p>{t.loading}</p>}>
            <SettingsPage onBack={() => setView({ name: 'home' })} />
          </Suspense>
        ) : view.name === 'trash' ? (
          <TrashView
            t={t}
            items={data.trash ?? []}
            busy={actions.busy}
            onRestore={(id) => void actions.restore(id)}
            onEmpty={() => void actions.emptyTrash()}
            onBack={() => setView({ name: 'home' })}
          />
        ) : (
          <HomeScreen
            t={t}
            lang={lang}
            about={data.appInfo}
            conventions={data.conventions}
            trashCount={data.trash?.length ?? 0}
            templates={data.templates}
            busy={actions.busy}
            onCreate={(templateId, title) => void actions.create(templateId, title)}
            onImport={(text, fileName) => void actions.importText(text, fileName)}
            onImportWord={() => void actions.importWord().then((r) => { if (r) setView({ name: 'wizard', id: r.summary.id, imported: r.findings }); })}
            onOpen={(id) => { actions.dismissNotice(); setView({ name: 'wizard', id }); }}
            onRename={(id, title) => void actions.rename(id, title)}
            onDuplicate={(id) => void actions.duplicate(id)}
            onExport={(id) => void actions.exportOne(id)}
            onExportWord={(id) => void actions.exportWord(id)}
            onTrash={(item) => void actions.trash(item)}
            onCreateAvenant={(id) => void actions.createAvenant(id)}
            onShowTrash={() => setView({ name: 'trash' })}
            onShowVerify={() => { actions.dismissNotice(); setView({ name: 'verify' }); }}
            onShowReceived={() => { actions.dismissNotice(); setView({ name: 'received' }); }}
            onShowIdentities={() => { actions.dismissNotice(); setView({ name: 'identities' }); }}
            onShowSettings={() => { actions.dismissNotice(); setView({ name: 'settings' }); }}
          />
        )}
      </main>
    </>
  );
}
