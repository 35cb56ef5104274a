// The canvas's zoom as a CSS variable (`--fg-unzoom`: 1 / zoom), set on the canvas element itself.
// Marks that must stay readable when zoomed out (the heat map's figures) scale by it in CSS, so a
// zoom costs one style change on one element instead of a render of every step that wears a mark.
import { useEffect, type RefObject } from 'react';
import { useApp } from '../app/context';

export function useZoomVariable(wrapper: RefObject<HTMLElement | null>): void {
  const app = useApp();
  useEffect(() => {
    const apply = (zoom: number) => wrapper.current?.style.setProperty('--fg-unzoom', String(zoom > 0 ? 1 / zoom : 1));
    apply(app.ui.state.zoom);
    return app.ui.store.subscribe((s, prev) => {
      if (s.zoom !== prev.zoom) apply(s.zoom);
    });
  }, [app, wrapper]);
}
