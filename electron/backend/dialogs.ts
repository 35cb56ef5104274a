// Native open/save dialogs exist only in the desktop shell; browser mode says so plainly.
import { ApiError, type Params, type Result } from '../../shared/api/contract';
import type { PathPolicy } from './paths';
import type { NativeDialogs } from './types';

export function dialogHandlers(dialogs: NativeDialogs | undefined, policy: PathPolicy) {
  function native(): NativeDialogs {
    if (!dialogs) throw new ApiError('unavailable', 'File dialogs are only available in the desktop app; pick a file from the workspace instead.');
    return dialogs;
  }
  return {
    async 'dialog.openFile'(): Promise<Result<'dialog.openFile'>> {
      return { path: await native().openFile() };
    },
    async 'dialog.saveFile'(params: Params<'dialog.saveFile'>): Promise<Result<'dialog.saveFile'>> {
      const path = await native().saveFile(params.suggestedName, params.kind);
      // The user chose this place, so file.writeText may write an export there.
      if (path) policy.allowDialogPick(path);
      return { path };
    },
  };
}
