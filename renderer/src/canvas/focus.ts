// Puts keyboard focus on a step or note of the canvas once it is drawn: after the next-step picker or
// quick find adds or finds one, the keyboard goes on from there (arrows move it, Alt+Enter adds after
// it). A closing dialog hands focus back a little later, so focus is done when it has held a few
// frames; a picker opened meanwhile (a dialog that is not modal) keeps the focus it took.
export function focusCanvasItem(key: string, frames = 30, held = 0): void {
  if (typeof document === 'undefined') return;
  const active = document.activeElement;
  if (active?.closest('[role="dialog"]:not([aria-modal="true"])')) return;
  const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(key)}"]`);
  const ready = el !== null && document.querySelector('[aria-modal="true"]') === null;
  const holding = ready && active === el;
  if (ready && !holding) el.focus({ preventScroll: true });
  const nextHeld = holding ? held + 1 : 0;
  if (nextHeld < 3 && frames > 0) requestAnimationFrame(() => focusCanvasItem(key, frames - 1, nextHeld));
}
