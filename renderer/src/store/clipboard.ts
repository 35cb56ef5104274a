// Copy and paste of canvas fragments. The app keeps its own clipboard and also writes the
// fragment to the system clipboard as JSON, so it can be pasted into another Flowgate window.
// Text read back from the system clipboard is untrusted: it is validated like a file.
import { z } from 'zod';
import { edgeSchema, nodeSchema } from '../../../shared/model/schema';
import { parseJson } from '../../../shared/model/load';
import type { Fragment } from '../../../shared/model/edits/fragments';

export const FRAGMENT_FORMAT = 'flowgate.fragment';
/** How far each successive paste is shifted, so copies do not hide each other. */
export const PASTE_STEP = 40;

const fragmentSchema = z.object({
  format: z.literal(FRAGMENT_FORMAT),
  nodes: z.array(nodeSchema).max(10_000),
  edges: z.array(edgeSchema).max(50_000),
});

export function fragmentToText(fragment: Fragment): string {
  return JSON.stringify({ format: FRAGMENT_FORMAT, nodes: fragment.nodes, edges: fragment.edges });
}

/** A fragment from clipboard text, or null when the text is not one. */
export function fragmentFromText(text: string): Fragment | null {
  if (!text.includes(FRAGMENT_FORMAT)) return null;
  try {
    const parsed = fragmentSchema.safeParse(parseJson(text));
    return parsed.success && parsed.data.nodes.length ? { nodes: parsed.data.nodes, edges: parsed.data.edges } : null;
  } catch {
    return null;
  }
}

/** The internal clipboard: the last fragment copied and how many times it has been pasted. */
export function createClipboard() {
  let fragment: Fragment | null = null;
  let text = '';
  let pastes = 0;
  return {
    set(f: Fragment) {
      fragment = f;
      text = fragmentToText(f);
      pastes = 0;
    },
    get fragment() {
      return fragment;
    },
    get text() {
      return text;
    },
    /** The offset of the next paste of `f`; a fragment new to us starts over. */
    nextOffset(f: Fragment) {
      const t = fragmentToText(f);
      if (t !== text) {
        fragment = f;
        text = t;
        pastes = 0;
      }
      pastes += 1;
      return { x: PASTE_STEP * pastes, y: PASTE_STEP * pastes };
    },
  };
}
export type Clipboard = ReturnType<typeof createClipboard>;
