import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { provideGlobalGridOptions } from 'ag-grid-community';
import { App } from './app/App';
import './styles/tokens.css';
import './styles/shell.css';
import './styles/forms.css';

// The policy allows no inline styles except <style> elements carrying this response's nonce, which the
// server puts in a meta tag; the grid injects its theme that way.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="turkbench-style-nonce"]')?.content;
if (styleNonce) provideGlobalGridOptions({ styleNonce });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
