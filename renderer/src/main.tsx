import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectHost } from './host/connectHost';
import { HostProvider } from './host/hostContext';
import './styles.css';

const host = connectHost();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={host}>
      <App />
    </HostProvider>
  </StrictMode>,
);
