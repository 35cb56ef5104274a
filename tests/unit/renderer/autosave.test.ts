import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from '../../../renderer/src/store/autosave';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('autosave scheduling', () => {
  it('saves once, 3 s after the last of several changes', async () => {
    const save = vi.fn(async () => {});
    const auto = createAutosave({ eligible: () => true, save });
    auto.changed();
    await vi.advanceTimersByTimeAsync(2000);
    auto.changed();
    await vi.advanceTimersByTimeAsync(2999);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not schedule when saving would not make sense (no path, clean, conflict)', async () => {
    const save = vi.fn(async () => {});
    let ok = false;
    const auto = createAutosave({ eligible: () => ok, save });
    auto.changed();
    expect(auto.pending).toBe(false);
    ok = true;
    auto.changed();
    ok = false; // e.g. saved by hand meanwhile
    await vi.advanceTimersByTimeAsync(3000);
    expect(save).not.toHaveBeenCalled();
  });

  it('reports pending and can be cancelled', async () => {
    const save = vi.fn(async () => {});
    const pending: boolean[] = [];
    const auto = createAutosave({ eligible: () => true, save, onPending: (p) => pending.push(p) });
    auto.changed();
    expect(auto.pending).toBe(true);
    auto.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).not.toHaveBeenCalled();
    expect(pending).toEqual([true, false]);
  });

  it('saves again after a slow save when changes arrived during it', async () => {
    let finish!: () => void;
    const save = vi.fn(() => new Promise<void>((r) => (finish = r)));
    const auto = createAutosave({ eligible: () => true, save, delayMs: 1000 });
    auto.changed();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
    auto.changed();
    await vi.advanceTimersByTimeAsync(1000); // fires while the first save is still running
    expect(save).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('keeps working after a failed save', async () => {
    const save = vi.fn(async () => {
      throw new Error('disk full');
    });
    const auto = createAutosave({ eligible: () => true, save, delayMs: 100 });
    auto.changed();
    await vi.advanceTimersByTimeAsync(100);
    auto.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(2);
  });
});
