// First: the connection to the host opens before the rest of the console is evaluated.
import { pageHost } from './host/pageHost';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { savedTheme } from './components/ThemeToggle';
import { HostProvider } from './host/hostContext';
import './styles.css';

// Follow the system's light/dark preference until the user picks a theme.
const prefersLight = window.matchMedia('(prefers-color-scheme: light)');
const applyTheme = () => (document.documentElement.dataset.theme = savedTheme() ?? (prefersLight.matches ? 'light' : 'dark'));
applyTheme();
prefersLight.addEventListener('change', applyTheme);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={pageHost}>
      <App />
    </HostProvider>
  </StrictMode>,
);
