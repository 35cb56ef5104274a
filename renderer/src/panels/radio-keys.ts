// Arrow keys for a row of radio buttons (the Run tab's modes, the heat-map switch): left and right move
// the choice and the focus, as in a native radio group.
import type { KeyboardEvent } from 'react';

export function radioKeys<T extends string>(values: readonly T[], current: T, choose: (value: T) => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = values.indexOf(current);
    const next = values[(i + (e.key === 'ArrowRight' ? 1 : values.length - 1)) % values.length];
    choose(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-value="${next}"]`)?.focus();
  };
}
