import '@codegouvfr/react-dsfr/main.css';
import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startDsfrIdle } from './dsfr-idle';
import { I18nProvider, useLang } from './i18n/I18nProvider';
import './styles.css';

startReactDsfr({ defaultColorScheme: 'system', useLang });
void startDsfrIdle();

const root = document.getElementById('root');
if (!root) throw new Error('#root manquant dans index.html');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
);
