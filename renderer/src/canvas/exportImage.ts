// Renders the whole diagram (not just the visible part) to SVG text or a PNG data URL.
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

const MARGIN = 40;
/** Keeps exports of huge workflows within what a browser can rasterise. */
const MAX_SIDE = 8000;

export async function renderDiagram(kind: 'svg' | 'png', nodes: Node[], root: HTMLElement): Promise<string> {
  const viewportEl = root.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewportEl) throw new Error('the canvas is not ready');
  if (!nodes.length) throw new Error('the workflow has no steps to draw');
  const bounds = getNodesBounds(nodes);
  const zoom = Math.min(1, MAX_SIDE / (bounds.width + 2 * MARGIN), MAX_SIDE / (bounds.height + 2 * MARGIN));
  const width = Math.ceil((bounds.width + 2 * MARGIN) * zoom);
  const height = Math.ceil((bounds.height + 2 * MARGIN) * zoom);
  const vp = getViewportForBounds(bounds, width, height, zoom, zoom, 0);
  const background = getComputedStyle(root).getPropertyValue('--bg-canvas').trim() || '#ffffff';
  const options = {
    width,
    height,
    backgroundColor: background,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})` },
  };
  if (kind === 'png') return toPng(viewportEl, { ...options, pixelRatio: zoom < 1 ? 1 : 2 });
  // In SVG the background colour would move with the viewport's transform: paint it as a rect.
  const url = await toSvg(viewportEl, { ...options, backgroundColor: undefined });
  const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
  const open = svg.indexOf('>') + 1;
  return `${svg.slice(0, open)}<rect width="100%" height="100%" fill="${escapeAttr(background)}"/>${svg.slice(open)}`;
}

function escapeAttr(v: string) {
  return v.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
