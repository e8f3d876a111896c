import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { setRequestLocale } from './api/client';
import { currentLocale, i18n, isLocale } from './i18n';
import './styles.css';

// Every request carries the UI language, so that server messages come back in it.
setRequestLocale(currentLocale());
i18n.on('languageChanged', (lng) => {
  if (isLocale(lng)) setRequestLocale(lng);
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
