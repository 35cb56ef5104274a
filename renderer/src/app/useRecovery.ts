// Runs crash recovery and the watch on the open file while the app is shown: the journal's
// periodic write, and a check of the file on window focus, when the page shows again and every few
// seconds while it is visible.
import { useEffect } from 'react';
import type { Controller } from './controller';
import { answerLiveKeyQueries } from './live-sessions';

export function useRecovery(app: Controller) {
  useEffect(() => {
    const visible = () => document.visibilityState === 'visible';
    const check = () => void app.fileWatch.check();
    const onVisibility = () => visible() && check();
    app.journal.start();
    const stopAnswering = answerLiveKeyQueries(() => app.journal.key);
    app.fileWatch.start(visible);
    window.addEventListener('focus', check);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      app.journal.stop();
      stopAnswering();
      app.fileWatch.stop();
      window.removeEventListener('focus', check);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [app]);
}
