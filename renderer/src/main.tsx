// Entry point: the backend client, the controller and the React tree.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// oxlint-disable-next-line import/no-unassigned-import -- style sheets are imported for their effect
import '@xyflow/react/dist/style.css';
// oxlint-disable-next-line import/no-unassigned-import
import './styles/theme.css';
// oxlint-disable-next-line import/no-unassigned-import
import './styles/app.css';
import { App } from './App';
import { api } from './client';
import { createController } from './app/controller';
import { browserPlatform } from './app/platform';

const app = createController(api, browserPlatform);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App app={app} />
  </StrictMode>,
);
