import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { savedTheme } from './components/ThemeToggle';
import { connectHost } from './host/connectHost';
import { HostProvider } from './host/hostContext';
import './styles.css';

// Follow the system's light/dark preference until the user picks a theme.
const prefersLight = window.matchMedia('(prefers-color-scheme: light)');
const applyTheme = () => (document.documentElement.dataset.theme = savedTheme() ?? (prefersLight.matches ? 'light' : 'dark'));
applyTheme();
prefersLight.addEventListener('change', applyTheme);

const host = connectHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={host}>
      <App />
    </HostProvider>
  </StrictMode>,
);
