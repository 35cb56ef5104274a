// The diagram exports. SVG is the report's picture (shared/report/diagram-svg.ts), drawn from the
// document rather than copied from the page: the command line and the app make the same picture, and
// a 1,000-step workflow exports in milliseconds whatever the canvas has drawn so far. PNG rasterises
// that SVG.
import type { Finding } from '../../../shared/analysis/types';
import type { Workflow } from '../../../shared/model/schema';
import { diagramSvg, findingMarks } from '../../../shared/report/diagram-svg';

/** Keeps PNGs of huge workflows within what a browser can rasterise. */
export const MAX_SIDE = 8000;
/** Small diagrams are rasterised at twice their size, so they stay sharp on high-density screens. */
const PIXEL_RATIO = 2;

export function diagramForExport(workflow: Workflow, findings: readonly Finding[]): string {
  if (!workflow.nodes.length) throw new Error('the workflow has no steps to draw');
  return diagramSvg(workflow, { idPrefix: 'diagram', marks: findingMarks(findings) });
}

/** The pixel size of a rasterised diagram: twice the SVG's size, scaled down to fit MAX_SIDE. */
export function rasterSize(svgWidth: number, svgHeight: number): { width: number; height: number } {
  const scale = Math.min(PIXEL_RATIO, MAX_SIDE / svgWidth, MAX_SIDE / svgHeight);
  return { width: Math.max(1, Math.round(svgWidth * scale)), height: Math.max(1, Math.round(svgHeight * scale)) };
}

function svgSize(svg: string): { width: number; height: number } {
  const open = svg.slice(0, svg.indexOf('>'));
  const width = Number(/\swidth="([\d.]+)"/.exec(open)?.[1]);
  const height = Number(/\sheight="([\d.]+)"/.exec(open)?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('the diagram has no size');
  return { width, height };
}

export async function rasterise(svg: string): Promise<Blob> {
  const drawn = svgSize(svg);
  const { width, height } = rasterSize(drawn.width, drawn.height);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw images');
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture is too large to draw'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
