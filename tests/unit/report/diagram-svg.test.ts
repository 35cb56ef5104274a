// The diagram as an SVG string: every step and line drawn where the canvas has them, user text
// escaped, nothing referenced from outside, and the batch's counts drawn on it when asked.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadWorkflow, loadWorkflowValue } from '../../../shared/model/load';
import { diagramSvg, NODE_HEIGHT, NODE_WIDTH } from '../../../shared/report/diagram-svg';

const TEMPLATES = fileURLToPath(new URL('../../../resources/templates/', import.meta.url));
const support = loadWorkflow(readFileSync(`${TEMPLATES}support-ticket-triage.flowgate.json`, 'utf8')).workflow;

describe('diagramSvg', () => {
  it('draws each step at its canvas position and each line, in a view box that holds them all', () => {
    const svg = diagramSvg(support);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const n of support.nodes) {
      expect(svg).toContain(`data-node-id="${n.id}"`);
      expect(svg).toContain(`<rect x="${n.position.x}" y="${n.position.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}"`);
    }
    expect(svg.match(/marker-end="url\(#fg-arrow/g)).toHaveLength(support.edges.length);
    const [x, y, w, h] = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number);
    for (const n of support.nodes) {
      expect(n.position.x).toBeGreaterThanOrEqual(x);
      expect(n.position.y).toBeGreaterThanOrEqual(y);
      expect(n.position.x + NODE_WIDTH).toBeLessThanOrEqual(x + w);
      expect(n.position.y + NODE_HEIGHT).toBeLessThanOrEqual(y + h);
    }
    // Output labels of the lines that are not plain "out".
    expect(svg).toContain('>low confidence<');
    expect(svg).toContain('>approved<');
  });

  it('references nothing outside itself', () => {
    const svg = diagramSvg(support);
    const urls = [...svg.matchAll(/(?:href|src)\s*=\s*"([^"]*)"|url\(([^)]*)\)/g)].map((m) => m[1] ?? m[2]);
    for (const url of urls) expect(url.startsWith('#')).toBe(true);
    expect(svg.replace('http://www.w3.org/2000/svg', '')).not.toMatch(/https?:/);
  });

  it('escapes every text that comes from the document', () => {
    const wf = loadWorkflowValue({
      format: 'flowgate.workflow',
      schemaVersion: 1,
      id: 'x',
      name: 'A & B <co>',
      owner: '',
      connections: [],
      nodes: [
        { id: 'n1"><script>', kind: 'intake', label: '<script>alert(1)</script>', position: { x: 0, y: 0 }, config: {} },
        { id: 'n2', kind: 'end', label: 'Done & "dusted"', position: { x: 300, y: 0 }, config: { outcome: "it's <done>" } },
      ],
      edges: [{ id: 'e1', source: 'n1"><script>', sourceHandle: 'out', target: 'n2' }],
    }).workflow;
    const svg = diagramSvg(wf);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('Done &amp; &quot;dusted&quot;');
    expect(svg).toContain('data-node-id="n1&quot;&gt;&lt;script&gt;"');
    expect(svg).toContain('A &amp; B &lt;co&gt;');
  });

  it('shows findings as badges and a batch as line widths and visit counts', () => {
    const marked = diagramSvg(support, { marks: { n9: 'error' } });
    expect(marked).toMatch(/data-node-id="n9">.*stroke="#d92d20" stroke-width="2"/);
    const heat = diagramSvg(support, {
      idPrefix: 'heat',
      heat: { nodeVisits: { n1: 1000, n2: 990 }, edgeTraversals: { e1: 990, e2: 10 }, runs: 1000 },
    });
    expect(heat).toContain('id="heat-arrow0"');
    expect(heat).not.toContain('id="fg-arrow0"');
    expect(heat).toContain('>1,000</text>');
    const widths = [...heat.matchAll(/<path d="M[^"]*" stroke="[^"]*" stroke-width="([\d.]+)"/g)].map((m) => Number(m[1]));
    // e1 (990 items) is drawn thicker than e2 (10), and an edge nobody followed thinnest.
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths[1]).toBeGreaterThan(widths[2]);
  });

  it('draws an empty or half-edited workflow without throwing', () => {
    const empty = diagramSvg({ name: 'Empty', nodes: [], edges: [], connections: [] });
    expect(empty).toContain('<svg');
    const odd = diagramSvg({
      name: 'Odd',
      connections: [],
      nodes: [{ id: 'a', kind: 'ai', label: '', position: { x: Number.NaN, y: 5 }, config: null } as never],
      edges: [{ id: 'e', source: 'a', sourceHandle: 'out', target: 'missing' }],
    });
    expect(odd).toContain('data-node-id="a"');
  });
});
