// First: the connection to the host opens before the rest of the console is evaluated.
import { pageHost } from './host/pageHost';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostProvider } from './host/hostContext';
import './styles.css';

// The theme was applied before the first paint, by public/theme.js.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={pageHost}>
      <App />
    </HostProvider>
  </StrictMode>,
);
