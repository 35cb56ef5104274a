// @vitest-environment happy-dom
// A dialog gives focus back where it was when it closes, even when the canvas drew that element anew
// while the dialog was open (React Flow remounts a step or note that left and re-entered the view).
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { Dialog } from '../../../renderer/src/dialogs/Dialog';

afterEach(() => cleanup());

function canvasItem(id: string): HTMLElement {
  const el = document.createElement('div');
  el.setAttribute('data-id', id);
  el.tabIndex = 0;
  document.body.append(el);
  return el;
}

function openDialog() {
  return render(
    <Dialog title="Quick find" testId="dialog" onDismiss={() => {}}>
      <input aria-label="query" />
    </Dialog>,
  );
}

it('returns focus to the element that had it', () => {
  const note = canvasItem('note:note1');
  note.focus();
  const dialog = openDialog();
  expect(document.activeElement?.tagName).toBe('INPUT');
  dialog.unmount();
  expect(document.activeElement).toBe(note);
  note.remove();
});

it('finds the element again by its data-id when it was drawn anew meanwhile', () => {
  const first = canvasItem('note:note1');
  first.focus();
  const dialog = openDialog();
  first.remove();
  const again = canvasItem('note:note1');
  dialog.unmount();
  expect(document.activeElement).toBe(again);
  again.remove();
});

it('returns focus to where it was even when a field inside the dialog takes it as it opens (autoFocus)', () => {
  const step = canvasItem('n1');
  step.focus();
  const dialog = render(
    <Dialog title="Quick find" testId="dialog" onDismiss={() => {}}>
      {/* oxlint-disable-next-line jsx-a11y/no-autofocus -- the case under test */}
      <input aria-label="query" autoFocus />
    </Dialog>,
  );
  expect(document.activeElement?.tagName).toBe('INPUT');
  dialog.unmount();
  expect(document.activeElement).toBe(step);
  step.remove();
});
