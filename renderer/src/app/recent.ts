// A recent file that is no longer there: offer to take it off the recent list (start page, Open
// dialog, the desktop app's Open Recent menu), instead of failing the same way every time.
import { createStore } from 'zustand/vanilla';
import type { Api } from '../../../shared/api/contract';
import type { UiStore } from '../store/ui';
import { errorText } from '../../../shared/text';

export type RecentFiles = ReturnType<typeof createRecentFiles>;

export function createRecentFiles(api: Api, ui: UiStore) {
  /** Bumped when the list changed here, so views showing it load it again. */
  const store = createStore<{ version: number }>()(() => ({ version: 0 }));

  return {
    store,
    /** After a not-found error opening `path`: true when the user was asked (so no error toast is needed). */
    async offerRemoval(path: string): Promise<boolean> {
      let listed: boolean;
      try {
        listed = (await api['recent.list']({})).some((r) => r.path === path);
      } catch {
        return false;
      }
      if (!listed) return false;
      if ((await ui.ask({ kind: 'notFound', path })) !== 'remove') return true;
      try {
        await api['recent.remove']({ path });
        store.setState({ version: store.getState().version + 1 });
      } catch (e) {
        ui.toast('error', `Could not update the recent list: ${errorText(e)}`);
      }
      return true;
    },
  };
}
