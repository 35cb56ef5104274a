// A step on the canvas shows its label and summary as text: markup typed into a label or a prompt is
// escaped, never turned into elements (the whole canvas is rendered to static markup, as React Flow
// draws it on the server, with the real node component).
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ReactFlow } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { Workflow } from '../../../shared/model/schema';
import { AppContext } from '../../../renderer/src/app/context';
import type { Controller } from '../../../renderer/src/app/controller';
import { createNodeDeriver } from '../../../renderer/src/canvas/derive';
import { nodeTypes } from '../../../renderer/src/canvas/StepNode';
import { patchConfig, setLabel } from '../../../shared/model/edits/node-config';
import { supportWorkflow } from '../panels/fixture';
import { textOf } from '../panels/html';

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';

/** Just the stores a step reads: its replay state, its heat, the zoom. */
function fakeApp(): Controller {
  return {
    sim: { store: createStore(() => ({ nodes: new Map(), shown: null })) },
    batch: { store: createStore(() => ({ heatNodes: new Map() })) },
    ui: { store: createStore(() => ({ zoom: 1 })) },
  } as unknown as Controller;
}

function renderCanvas(wf: Workflow): string {
  const size = { get: () => ({ width: 240, height: 120 }) };
  const nodes = createNodeDeriver()(wf, new Set(), size).map((n) => ({ ...n, width: 240, height: 120 }));
  return renderToStaticMarkup(
    <AppContext.Provider value={fakeApp()}>
      <ReactFlow nodes={nodes} edges={[]} nodeTypes={nodeTypes} width={1200} height={800} />
    </AppContext.Provider>,
  );
}

describe('a step on the canvas', () => {
  it('renders a label and a prompt holding markup as text, never as HTML', () => {
    const wf = patchConfig(setLabel(supportWorkflow(), 'n2', HOSTILE), 'n2', 'ai', { prompt: HOSTILE });
    const html = renderCanvas(wf);
    const step = /<div class="step[^"]*"[^>]*data-testid="node-n2"[\s\S]*?<div class="step-label">([\s\S]*?)<\/div>/.exec(html);
    expect(step).not.toBeNull();
    expect(textOf(step![1])).toBe(HOSTILE);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('draws every step of the workflow', () => {
    const html = renderCanvas(supportWorkflow());
    for (const node of supportWorkflow().nodes) expect(html).toContain(`data-testid="node-${node.id}"`);
  });
});
