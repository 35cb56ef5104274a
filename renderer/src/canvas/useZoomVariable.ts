// The canvas's zoom as a CSS variable (`--fg-unzoom`: 1 / zoom), set on the canvas element itself.
// Marks that must stay readable when zoomed out (the heat map's figures) scale by it in CSS, so a
// zoom costs one style change on one element instead of a render of every step that wears a mark.
// Below FAR_ZOOM the element also carries `data-zoom="far"`: steps then show a simplified look (kind
// colour, icon, the label in a larger font), again in CSS alone, without a render of any step.
import { useEffect, type RefObject } from 'react';
import { useApp } from '../app/context';

/** Below this zoom a step's small print is unreadable (13.5 px at 60 % is 8 px): steps go simple. */
export const FAR_ZOOM = 0.6;

/** The zoom level's name, as set on the canvas element (`data-zoom`). */
export const zoomLevel = (zoom: number): 'far' | 'near' => (zoom < FAR_ZOOM ? 'far' : 'near');

export function useZoomVariable(wrapper: RefObject<HTMLElement | null>): void {
  const app = useApp();
  useEffect(() => {
    const apply = (zoom: number) => {
      wrapper.current?.style.setProperty('--fg-unzoom', String(zoom > 0 ? 1 / zoom : 1));
      wrapper.current?.setAttribute('data-zoom', zoomLevel(zoom));
    };
    apply(app.ui.state.zoom);
    return app.ui.store.subscribe((s, prev) => {
      if (s.zoom !== prev.zoom) apply(s.zoom);
    });
  }, [app, wrapper]);
}
