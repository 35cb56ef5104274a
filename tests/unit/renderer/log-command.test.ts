// File → Compare with a Log… through the app's command table: it needs an open workflow, shows the Run
// tab's Log panel and asks it for the file chooser.
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/api/contract';
import { COMMANDS } from '../../../shared/api/commands';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { createController, type Platform } from '../../../renderer/src/app/controller';

const platform: Platform = {
  randomId: () => 'id',
  download: () => {},
  writeClipboard: async () => true,
  readClipboard: async () => null,
  rememberPath: () => {},
  systemPrefersDark: () => false,
  rasterise: async () => new Blob([]),
  pickImportFile: () => {},
};

describe('File → Compare with a Log…', () => {
  it('is a File menu command of both shells', () => {
    expect(COMMANDS.find((c) => c.id === 'file.compareLog')).toEqual({ id: 'file.compareLog', label: 'Compare with a Log…', menu: 'File' });
  });

  it('needs an open workflow, then shows the Log panel and asks it for the file chooser', async () => {
    const app = createController({} as Api, platform);
    expect(app.enabled('file.compareLog')).toBe(false);
    await app.run('file.compareLog');
    expect(app.log.state.pickPending).toBe(false);
    app.doc.load(blankWorkflow('w1', 'Mine'));
    expect(app.enabled('file.compareLog')).toBe(true);
    await app.run('file.compareLog');
    expect(app.ui.state.tab).toBe('simulation');
    expect(app.batch.state.mode).toBe('log');
    expect(app.log.state.pickPending).toBe(true);
  });
});
