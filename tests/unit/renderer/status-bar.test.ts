import { describe, expect, it } from 'vitest';
import { saveState } from '../../../renderer/src/chrome/StatusBar';

const at = (patch: Partial<Parameters<typeof saveState>[0]>) => saveState({ path: null, dirty: false, status: 'idle', conflict: false, ...patch }).text;

describe('the status bar’s save state', () => {
  it('says one phrase for a workflow that has no file yet, edited or not', () => {
    expect(at({})).toBe('New workflow — not saved yet');
    expect(at({ dirty: true })).toBe('New workflow — not saved yet');
    expect(at({ dirty: true, status: 'pending' })).toBe('New workflow — not saved yet');
  });

  it('follows a saved file through unsaved changes, saving and saved', () => {
    const path = '/ws/a.flowgate.json';
    expect(at({ path, dirty: true })).toBe('Unsaved changes');
    expect(at({ path, dirty: true, status: 'pending' })).toBe('Unsaved changes');
    expect(at({ path, dirty: true, status: 'saving' })).toBe('Saving…');
    expect(at({ path })).toBe('All changes saved');
    expect(at({ path: null, dirty: true, status: 'saving' })).toBe('Saving…');
  });

  it('says when saving failed or the file changed on disk', () => {
    expect(at({ path: '/a', dirty: true, status: 'error' })).toBe('Save failed');
    expect(at({ path: '/a', dirty: true, conflict: true })).toBe('Changed on disk — not saved');
  });
});
