// Saves a workflow that has a path AUTOSAVE_MS after its last change. Kept free of React and the
// DOM so the timing can be tested with fake timers.

export const AUTOSAVE_MS = 3000;

export interface AutosaveOptions {
  delayMs?: number;
  /** Whether a save would make sense now (has a path, is dirty, no conflict pending). */
  eligible(): boolean;
  save(): Promise<void>;
  onPending?(pending: boolean): void;
}

export interface Autosave {
  /** Call after every change of the document: restarts the countdown. */
  changed(): void;
  cancel(): void;
  /** Whether a countdown is running. */
  readonly pending: boolean;
}

export function createAutosave({ delayMs = AUTOSAVE_MS, eligible, save, onPending }: AutosaveOptions): Autosave {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saving: Promise<void> | null = null;
  let again = false;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  async function fire() {
    timer = null;
    onPending?.(false);
    if (!eligible()) return;
    if (saving) {
      // A save is under way; save again once it ends so the latest changes are written too.
      again = true;
      return;
    }
    saving = save()
      .catch(() => {})
      .finally(() => {
        saving = null;
        if (again) {
          again = false;
          schedule();
        }
      });
    await saving;
  }

  function schedule() {
    clear();
    if (!eligible()) {
      onPending?.(false);
      return;
    }
    onPending?.(true);
    timer = setTimeout(() => void fire(), delayMs);
  }

  return {
    changed: schedule,
    cancel() {
      clear();
      again = false;
      onPending?.(false);
    },
    get pending() {
      return timer !== null;
    },
  };
}
