/** @jsxImportSource react */
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';

// React 18 concurrent root, as on X.
createRoot(document.getElementById('react-root')!).render(<App />);
