// The size of a step on the canvas and where its handles are, worked out from the document before the
// step is ever drawn. A large workflow hands React Flow every step at once but keeps only the steps in
// view in the page (virtualised drawing, see useFirstView.ts): a step not drawn yet is placed with this
// size and these handles, so its links, the minimap, "zoom to fit" and the choice of what is in view
// work without it; once drawn, React Flow's own measurement replaces them.
//
// The numbers are those of the step's CSS (styles/app.css, `.step`): a fixed width; the head and a
// one-line body; one 20 px row per output, each with its handle at the right edge; the input's handle
// at the middle of the left edge. The label may wrap onto a second line (it is clamped to two):
// measured with the page's font when the page can measure text, else guessed from its length.
// tests/e2e/large-canvas.e2e.ts compares these with the steps as drawn.
import type { NodeHandle } from '@xyflow/react';
import { KINDS, outputsOf } from '../../../shared/kinds/registry';
import { displayText } from '../../../shared/model/display-text';
import type { WorkflowNode } from '../../../shared/model/schema';
import type { Dimensions } from './derive';

export const STEP_WIDTH = 240;
/** Head, one line of label, the summary and the body's padding, with the border. */
const BASE_HEIGHT = 77.2;
const LABEL_LINE = 17.6;
/** The outputs' frame: its top border and padding above and below the rows. */
const OUTPUTS_FRAME = 7;
const OUTPUT_ROW = 20;
const HANDLE = 10;
/** Where the first output's handle starts, below the top of a step with a one-line label. */
const FIRST_OUTPUT_TOP = 85.2;
/** The label's box: the step's width less its border and the body's padding (12 left, 10 right). */
const LABEL_WIDTH = STEP_WIDTH - 2 - 22;
const LABEL_FONT = '600 13.5px';
/** Without a way to measure text: about where a label wraps onto its second line. */
const ONE_LINE_LABEL = 26;

export interface StepGeometry extends Dimensions {
  /** The handles as React Flow would measure them, relative to the step's top left corner. */
  handles: NodeHandle[];
}

type Measure = (text: string) => number;
let measurer: Measure | null | undefined;

/** Text width in the label's font, from a canvas of the page's; null where there is none (tests, workers). */
function textMeasurer(): Measure | null {
  if (measurer !== undefined) return measurer;
  measurer = null;
  try {
    const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (!context) return measurer;
    context.font = `${LABEL_FONT} ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
    const widths = new Map<string, number>();
    measurer = (text) => {
      let w = widths.get(text);
      if (w === undefined) {
        w = context.measureText(text).width;
        widths.set(text, w);
      }
      return w;
    };
  } catch {
    measurer = null;
  }
  return measurer;
}

/** Each character's width in the label's font, by code (below CHAR_TABLE), measured on first use. */
const CHAR_TABLE = 0x3000;
let charWidths: Float64Array | null | undefined;
/** What the sum of character widths may miss (kerning): a few pixels either way. */
const KERNING_SLACK = 4;

/**
 * The lines a label surely takes, from the sum of its characters' widths: 1 when that fits with room
 * to spare, 2 when it is clearly wider than a line (it must wrap; the label is clamped to two lines);
 * null when it is too close to call, or the page cannot measure text. A few dozen characters measured
 * once answer almost every label of a workflow (at 10,000 steps, measuring each label's words took a
 * tenth of a second of the open).
 */
export function linesBySum(label: string): 1 | 2 | null {
  if (charWidths === undefined) charWidths = textMeasurer() ? new Float64Array(CHAR_TABLE).fill(-1) : null;
  const measure = measurer;
  if (!charWidths || !measure) return null;
  let width = 0;
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    if (code >= CHAR_TABLE) return null;
    let w = charWidths[code];
    if (w < 0) w = charWidths[code] = measure(label[i]);
    width += w;
    if (width > LABEL_WIDTH + KERNING_SLACK) return 2;
  }
  return width <= LABEL_WIDTH - KERNING_SLACK ? 1 : null;
}

/** 1 or 2: the lines the label takes, breaking between words and inside a word too long for a line. */
export function labelLines(label: string, measure: Measure | null = textMeasurer()): 1 | 2 {
  if (!measure) return label.length > ONE_LINE_LABEL ? 2 : 1;
  const space = measure(' ');
  let lines = 1;
  let line = 0;
  for (const word of label.split(/\s+/)) {
    if (!word) continue;
    const w = measure(word);
    if (line > 0 && line + space + w <= LABEL_WIDTH) {
      line += space + w;
      continue;
    }
    if (line > 0) lines++;
    line = w;
    // A word longer than the line breaks anywhere (overflow-wrap: anywhere).
    while (line > LABEL_WIDTH) {
      lines++;
      line -= LABEL_WIDTH;
    }
    if (lines >= 2) return 2;
  }
  return lines >= 2 ? 2 : 1;
}

/** The step's size and handles as drawn (see the file's comment). */
export function stepGeometry(node: WorkflowNode): StepGeometry {
  const outputs = outputsOf(node);
  const label = displayText(node.label, 160);
  const extra = label ? ((linesBySum(label) ?? labelLines(label)) - 1) * LABEL_LINE : 0;
  const exact = BASE_HEIGHT + extra + (outputs.length ? OUTPUTS_FRAME + OUTPUT_ROW * outputs.length : 0);
  // React Flow measures a step's box in whole pixels (offsetHeight) and its handles to the fraction.
  const height = Math.round(exact);
  const handles: NodeHandle[] = outputs.map((h, i) => ({
    id: h.id,
    type: 'source',
    position: 'right' as NodeHandle['position'],
    x: STEP_WIDTH - HANDLE / 2,
    y: FIRST_OUTPUT_TOP + extra + OUTPUT_ROW * i,
    width: HANDLE,
    height: HANDLE,
  }));
  if (KINDS[node.kind]?.acceptsInput) {
    handles.unshift({ id: null, type: 'target', position: 'left' as NodeHandle['position'], x: -HANDLE / 2, y: exact / 2 - HANDLE / 2, width: HANDLE, height: HANDLE });
  }
  return { width: STEP_WIDTH, height, handles };
}
