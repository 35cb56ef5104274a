// The Web Worker that analyses a document just opened, and how the document reaches it: as the
// backend's answer in text (remembered by the HTTP client, parsed in the worker) or as the object.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import { serializeWorkflow } from '../../../shared/model/load';
import type { AnalysisRequest, AnalysisResponse } from '../../../renderer/src/analysis/worker-analysis';
import { createWorkerAnalysis } from '../../../renderer/src/analysis/worker-analysis';
import { takeAnswerText } from '../../../renderer/src/client/answer-text';
import { createApi, httpCall } from '../../../renderer/src/client/transport';
import { generateWorkflow } from '../../fixtures/generate-workflow';
import { template } from './analysis-fixtures';

/** The worker's script, run here with a stand-in for its global scope. */
const scope: { onmessage: ((e: { data: AnalysisRequest }) => void) | null; postMessage(m: AnalysisResponse): void } = { onmessage: null, postMessage: () => {} };
const g = globalThis as { self?: unknown };
const hadSelf = 'self' in g;
const previousSelf = g.self;

beforeAll(async () => {
  g.self = scope;
  await import('../../../renderer/src/analysis/analysis-worker');
});
afterAll(() => {
  if (hadSelf) g.self = previousSelf;
  else delete g.self;
});

function ask(request: AnalysisRequest): AnalysisResponse {
  let answer: AnalysisResponse | null = null;
  scope.postMessage = (m) => (answer = m);
  scope.onmessage!({ data: request });
  if (!answer) throw new Error('the worker did not answer');
  return answer;
}

/** A 10,000-step-like document in small: large enough for its answer's text to be remembered. */
const big = () => generateWorkflow({ nodes: 1200, variant: 'flawed', seed: 2 });

describe('the analysis worker', () => {
  it('answers analyze() of the document it is sent', () => {
    const wf = template('risky-support-bot');
    const options = { externalProviderIsLocal: true };
    expect(ask({ id: 7, source: { workflow: wf }, options })).toEqual({ id: 7, ok: true, result: analyze(wf, options) });
  });

  it('answers analyze() of the document in the backend answer it is sent as text', async () => {
    const wf = big();
    // The HTTP client, as it reads the backend's answer to workflow.open.
    const text = JSON.stringify({ ok: true, result: { path: '/w/a.flowgate.json', document: JSON.parse(serializeWorkflow(wf)), mtimeMs: 1, warnings: [] } });
    const fetch = vi.fn(async () => new Response(text, { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const opened = await createApi(httpCall({ token: 't', fetch: fetch as unknown as typeof globalThis.fetch }))['workflow.open']({ path: '/w/a.flowgate.json' });
    const answer = takeAnswerText(opened.document);
    expect(answer).toEqual({ text, key: 'document' });
    // Handed out once: the text is not kept for the document's lifetime.
    expect(takeAnswerText(opened.document)).toBeUndefined();
    const response = ask({ id: 1, source: answer!, options: {} });
    expect(response).toEqual({ id: 1, ok: true, result: analyze(opened.document) });
    expect((response as { result: { findings: unknown[] } }).result.findings.length).toBeGreaterThan(0);
  });

  it('remembers no text for a small answer', async () => {
    const text = JSON.stringify({ ok: true, result: { document: template('support-ticket-triage') } });
    const fetch = vi.fn(async () => new Response(text, { status: 200 }));
    const opened = (await createApi(httpCall({ token: 't', fetch: fetch as unknown as typeof globalThis.fetch }))['workflow.open']({ path: '/a' })) as { document: object };
    expect(takeAnswerText(opened.document)).toBeUndefined();
  });

  it('says why in words when it cannot read what it is sent', () => {
    const response = ask({ id: 2, source: { text: '{"ok":true,"res', key: 'document' }, options: {} });
    expect(response).toMatchObject({ id: 2, ok: false });
    expect((response as { message: string }).message.length).toBeGreaterThan(0);
  });
});

describe('the worker analysis where no worker can start', () => {
  it('rejects, so the store analyses in the page', async () => {
    const g2 = globalThis as { Worker?: unknown };
    const saved = g2.Worker;
    delete g2.Worker;
    try {
      await expect(createWorkerAnalysis()(template('support-ticket-triage'), {})).rejects.toThrow(/background/);
    } finally {
      if (saved !== undefined) g2.Worker = saved;
    }
  });
});
