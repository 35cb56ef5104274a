// The workflow diagram as a standalone SVG string, drawn from the nodes' canvas positions and the
// edges: no DOM, no fonts to load, no external reference, so that the command line and the app make
// the same picture and a report that embeds it opens offline. Text is measured by an estimate.
import type { Finding } from '../analysis/types';
import { KINDS, outputsOf, summaryOf } from '../kinds/registry';
import { noteColour, noteSize, notesOf } from '../model/notes';
import type { NoteColour, Workflow, WorkflowEdge, WorkflowNode, WorkflowNote } from '../model/schema';
import { cutText, escapeXml, truncate } from './escape';
import { REPORT_LIMITS } from './limits';
import { thousands } from '../text';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 68;
const MARGIN = 36;
const FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export type Mark = 'error' | 'warn' | 'info';

export interface DiagramOptions {
  /** Prefix of the ids inside the SVG, so that two diagrams on one page do not share markers. */
  idPrefix?: string;
  /** Findings to show as a badge on their step: the most serious per node. */
  marks?: Readonly<Record<string, Mark>>;
  /** A batch's counts: edges drawn as thick as their share of traversals, steps labelled with visits. */
  heat?: { nodeVisits: Readonly<Record<string, number>>; edgeTraversals: Readonly<Record<string, number>>; runs: number };
  /** Accessible title of the picture. */
  title?: string;
}

/** The most serious finding per step, as the badge the diagram draws on it. */
export function findingMarks(findings: readonly Pick<Finding, 'nodeId' | 'severity'>[]): Record<string, Mark> {
  const rank: Record<Mark, number> = { error: 0, warn: 1, info: 2 };
  const marks: Record<string, Mark> = {};
  for (const f of findings) {
    if (!f.nodeId) continue;
    const current = marks[f.nodeId];
    if (!current || rank[f.severity] < rank[current]) marks[f.nodeId] = f.severity;
  }
  return marks;
}

const MARK_COLOUR: Record<Mark, string> = { error: '#d92d20', warn: '#dc6803', info: '#1570ef' };
/** Exception outputs are drawn dashed in amber, the approved output in green, so paths read at a glance. */
const EXCEPTION_HANDLES = new Set(['error', 'low_confidence', 'timeout', 'rejected']);

interface Box {
  node: WorkflowNode;
  x: number;
  y: number;
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Where an output handle sits on the right edge of its node: spread evenly, in the kind's order. */
function handleY(box: Box, handle: string): number {
  const outputs = outputsOf(box.node);
  const i = Math.max(0, outputs.findIndex((h) => h.id === handle));
  return box.y + ((i + 1) * NODE_HEIGHT) / (outputs.length + 1);
}

function edgePath(from: Box, handle: string, to: Box): { d: string; labelX: number; labelY: number } {
  const sx = from.x + NODE_WIDTH;
  const sy = handleY(from, handle);
  const tx = to.x;
  const ty = to.y + NODE_HEIGHT / 2;
  if (tx >= sx + 20) {
    const dx = Math.max(40, (tx - sx) / 2);
    return { d: `M${sx},${sy} C${sx + dx},${sy} ${tx - dx},${ty} ${tx},${ty}`, labelX: sx + 14, labelY: sy - 5 };
  }
  // A line back (a loop) or to a step above or below: around, below both nodes.
  const below = Math.max(from.y, to.y) + NODE_HEIGHT + 28;
  return {
    d: `M${sx},${sy} C${sx + 60},${sy} ${sx + 60},${below} ${(sx + tx) / 2},${below} S${tx - 60},${ty} ${tx},${ty}`,
    labelX: sx + 14,
    labelY: sy - 5,
  };
}

function edgeStyle(handle: string): { colour: string; dash: string } {
  if (EXCEPTION_HANDLES.has(handle)) return { colour: '#d29922', dash: ' stroke-dasharray="5 4"' };
  if (handle === 'approved') return { colour: '#2e9d5b', dash: '' };
  return { colour: '#98a2b3', dash: '' };
}

/** Sticky notes as the canvas draws them, paler, so that the flow stays in front. */
const NOTE_FILL: Record<NoteColour, { fill: string; stroke: string }> = {
  yellow: { fill: '#fbf3cf', stroke: '#d9c06a' },
  blue: { fill: '#e3eefc', stroke: '#8fb5e6' },
  green: { fill: '#e4f6e8', stroke: '#8ccb9b' },
  pink: { fill: '#fce6ee', stroke: '#e09ab5' },
  grey: { fill: '#eef0f3', stroke: '#b6bcc6' },
};
/** Lines of a note's text the diagram shows (the report lists every note's text in full). */
const NOTE_LINE = 16;

/** A note's text broken into the lines that fit its width (an estimate: no fonts are measured). */
function noteLines(text: string, width: number, maxLines: number): string[] {
  const perLine = Math.max(8, Math.floor((width - 20) / 6.6));
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (!line) line = word;
      else if (line.length + 1 + word.length <= perLine) line += ` ${word}`;
      else {
        lines.push(line);
        line = word;
      }
      while (line.length > perLine) {
        lines.push(line.slice(0, perLine));
        line = line.slice(perLine);
      }
    }
    lines.push(line);
    if (lines.length >= maxLines) break;
  }
  const shown = lines.slice(0, maxLines);
  if (lines.length > maxLines || text.length > REPORT_LIMITS.text) shown[shown.length - 1] = `${truncate(shown[shown.length - 1], Math.max(1, perLine - 1))}…`;
  return shown;
}

function noteSvg(note: WorkflowNote): string {
  const { width, height } = noteSize(note);
  const x = num(note.position?.x);
  const y = num(note.position?.y);
  const { fill, stroke } = NOTE_FILL[noteColour(note)];
  const text = typeof note.text === 'string' ? cutText(note.text, REPORT_LIMITS.text) : '';
  const lines = noteLines(text, width, Math.max(1, Math.floor((height - 14) / NOTE_LINE)));
  return [
    `<g class="note">`,
    `<title>${escapeXml(`Note: ${text}`)}</title>`,
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" rx="4" fill="${fill}" stroke="${stroke}"/>`,
    ...lines.map((l, i) => `<text x="${x + 10}" y="${y + 20 + i * NOTE_LINE}" font-size="12" fill="#3d3520">${escapeXml(l)}</text>`),
    '</g>',
  ].join('');
}

export function diagramSvg(wf: Pick<Workflow, 'nodes' | 'edges' | 'connections' | 'name' | 'notes'>, options: DiagramOptions = {}): string {
  const id = options.idPrefix ?? 'fg';
  const boxes = new Map<string, Box>();
  for (const node of wf.nodes) if (!boxes.has(node.id)) boxes.set(node.id, { node, x: num(node.position?.x), y: num(node.position?.y) });
  const list = [...boxes.values()];
  // Notes beyond what a report lists are left out of its picture too.
  const notes = notesOf(wf).slice(0, REPORT_LIMITS.rows);
  // Loops rather than Math.min(...spread): a very large workflow would overflow the call's arguments.
  const drawn = list.length + notes.length > 0;
  let minX = drawn ? Infinity : MARGIN;
  let minY = drawn ? Infinity : MARGIN;
  let maxX = drawn ? -Infinity : 320 - MARGIN;
  let maxY = drawn ? -Infinity : 120 - MARGIN - 32;
  for (const b of list) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + NODE_WIDTH);
    maxY = Math.max(maxY, b.y + NODE_HEIGHT);
  }
  for (const n of notes) {
    const { width, height } = noteSize(n);
    minX = Math.min(minX, num(n.position?.x));
    minY = Math.min(minY, num(n.position?.y));
    maxX = Math.max(maxX, num(n.position?.x) + width);
    maxY = Math.max(maxY, num(n.position?.y) + height);
  }
  minX -= MARGIN;
  minY -= MARGIN;
  maxX += MARGIN;
  // Lines that go around run below the lowest node.
  maxY += MARGIN + 32;
  const width = Math.round(maxX - minX);
  const height = Math.round(maxY - minY);
  const title = options.title ?? `Diagram of the workflow "${wf.name}"`;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title" font-family="${escapeXml(FONT)}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    '<defs>',
    ...['#98a2b3', '#d29922', '#2e9d5b'].map(
      (c, i) => `<marker id="${id}-arrow${i}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="10" markerHeight="10" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`,
    ),
    `<filter id="${id}-shadow" x="-10%" y="-10%" width="120%" height="140%"><feDropShadow dx="0" dy="1" stdDeviation="1.5" flood-color="#101828" flood-opacity="0.12"/></filter>`,
    '</defs>',
    `<rect x="${minX}" y="${minY}" width="${width}" height="${height}" fill="#ffffff"/>`,
  );

  // Notes under everything, as on the canvas; then edges, so that nodes sit on top of them.
  if (notes.length) out.push('<g class="notes">', ...notes.map(noteSvg), '</g>');
  const heat = options.heat;
  const maxTraversals = heat ? Object.values(heat.edgeTraversals).reduce((m, t) => Math.max(m, t), 1) : 1;
  out.push('<g class="edges" fill="none">');
  const seenEdge = new Set<string>();
  for (const e of wf.edges as WorkflowEdge[]) {
    const from = boxes.get(e.source);
    const to = boxes.get(e.target);
    if (!from || !to || seenEdge.has(e.id)) continue;
    seenEdge.add(e.id);
    const handle = typeof e.sourceHandle === 'string' ? e.sourceHandle : 'out';
    const { d, labelX, labelY } = edgePath(from, handle, to);
    const { colour, dash } = edgeStyle(handle);
    const marker = colour === '#d29922' ? 1 : colour === '#2e9d5b' ? 2 : 0;
    let strokeWidth = 1.6;
    let opacity = '';
    if (heat) {
      const t = heat.edgeTraversals[e.id] ?? 0;
      strokeWidth = t ? 1.5 + 8 * (t / maxTraversals) : 1;
      if (!t) opacity = ' stroke-opacity="0.35"';
    }
    out.push(`<path d="${d}" stroke="${colour}" stroke-width="${strokeWidth.toFixed(1)}"${dash}${opacity} marker-end="url(#${id}-arrow${marker})"><title>${escapeXml(edgeTitle(boxes, e, heat))}</title></path>`);
    const label = outputsOf(from.node).find((h) => h.id === handle)?.label ?? handle;
    const text = handle === 'out' ? '' : label;
    const count = heat ? thousands(heat.edgeTraversals[e.id] ?? 0) : '';
    const shown = [text, count].filter(Boolean).join(' · ');
    if (shown) out.push(`<text x="${labelX}" y="${labelY}" font-size="10" fill="#667085" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(truncate(shown, 22))}</text>`);
  }
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const box of list) out.push(nodeSvg(box, wf, id, options));
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n');
}

function edgeTitle(boxes: ReadonlyMap<string, Box>, e: WorkflowEdge, heat: DiagramOptions['heat']): string {
  const name = (nodeId: string) => cutText(boxes.get(nodeId)?.node.label || nodeId, REPORT_LIMITS.diagramTitle);
  const count = heat ? ` — followed ${thousands(heat.edgeTraversals[e.id] ?? 0)} times` : '';
  return `${name(e.source)} (${e.sourceHandle}) → ${name(e.target)}${count}`;
}

function nodeSvg(box: Box, wf: Pick<Workflow, 'connections'>, id: string, options: DiagramOptions): string {
  const { node, x, y } = box;
  const kind = KINDS[node.kind];
  const colour = kind?.colour ?? '#667085';
  let summary = '';
  try {
    summary = summaryOf(node, wf);
  } catch {
    summary = ''; // a config of the wrong shape: the label alone says enough
  }
  const label = truncate(node.label || node.id, 24);
  const detail = truncate(summary, 33);
  const mark = options.marks?.[node.id];
  const visits = options.heat ? (options.heat.nodeVisits[node.id] ?? 0) : null;
  const parts = [
    `<g class="node" data-node-id="${escapeXml(node.id)}">`,
    `<title>${escapeXml(`${cutText(node.label || node.id, REPORT_LIMITS.diagramTitle)} (${kind?.label ?? node.kind})${summary ? `: ${cutText(summary, REPORT_LIMITS.diagramTitle)}` : ''}`)}</title>`,
    `<rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="10" fill="#ffffff" stroke="${mark ? MARK_COLOUR[mark] : '#d0d5dd'}" stroke-width="${mark === 'error' ? 2 : 1}" filter="url(#${id}-shadow)"/>`,
    `<rect x="${x}" y="${y}" width="6" height="${NODE_HEIGHT}" rx="3" fill="${colour}"/>`,
    `<text x="${x + 18}" y="${y + 19}" font-size="10.5" font-weight="700" fill="${colour}" letter-spacing="0.06em">${escapeXml((kind?.label ?? node.kind).toUpperCase())}</text>`,
    `<text x="${x + 18}" y="${y + 40}" font-size="15" font-weight="600" fill="#101828">${escapeXml(label)}</text>`,
    `<text x="${x + 18}" y="${y + 58}" font-size="11.5" fill="#667085">${escapeXml(detail)}</text>`,
  ];
  if (mark) {
    parts.push(`<circle cx="${x + NODE_WIDTH - 14}" cy="${y + 14}" r="7" fill="${MARK_COLOUR[mark]}"/>`);
    parts.push(`<text x="${x + NODE_WIDTH - 14}" y="${y + 17.5}" font-size="10" font-weight="700" fill="#ffffff" text-anchor="middle">!</text>`);
  }
  if (visits !== null) {
    const text = thousands(visits);
    const w = 10 + text.length * 6.2;
    const bx = x + NODE_WIDTH - w - 8;
    parts.push(`<rect x="${bx}" y="${y + NODE_HEIGHT - 10}" width="${w}" height="18" rx="9" fill="${visits ? '#101828' : '#98a2b3'}"/>`);
    parts.push(`<text x="${bx + w / 2}" y="${y + NODE_HEIGHT + 3}" font-size="10" font-weight="600" fill="#ffffff" text-anchor="middle">${text}</text>`);
  }
  parts.push('</g>');
  return parts.join('');
}
