// antd's prebuilt component styles first (theme.ts sets zeroRuntime): every stylesheet of ours comes after them.
import 'antd/dist/antd.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setRequestLocale } from './api/client';
import { queryClient } from './api/query-client';
import { currentLocale, i18n, isLocale } from './i18n';
import { preloadRoute } from './routes';
import './styles.css';

// Every request carries the UI language, so that server messages come back in it.
setRequestLocale(currentLocale());
i18n.on('languageChanged', (lng) => {
  if (isLocale(lng)) setRequestLocale(lng);
});

// The session, the page's code and its first reads start now, while React renders the frame.
preloadRoute(window.location.pathname, queryClient);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
