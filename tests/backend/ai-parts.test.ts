// The small parts of the AI provider: which addresses are local, prices and usage, redaction,
// backoff, and the batch call estimate.
import { describe, expect, it } from 'vitest';
import { callsPhrase, countExternalCalls, estimateCalls, mustAskBeforeCalls, reachableExternalAiNodes } from '../../electron/backend/ai/call-budget';
import { redact } from '../../electron/backend/ai/failures';
import { isLocalBaseUrl, originOf } from '../../electron/backend/ai/local-url';
import { formatCost, priceOf } from '../../electron/backend/ai/pricing';
import { backoffMs, DEFAULT_RETRY, pause } from '../../electron/backend/ai/retry';
import { UsageLedger } from '../../electron/backend/ai/usage';
import { blankWorkflow } from '../../shared/model/edits/workflow';
import type { Workflow } from '../../shared/model/schema';

describe('isLocalBaseUrl', () => {
  it.each([
    ['http://localhost:11434/v1', true],
    ['http://LOCALHOST:1234/v1', true],
    ['http://ollama.localhost/v1', true],
    ['http://127.0.0.1:1234/v1', true],
    ['http://127.8.9.10/v1', true],
    ['http://[::1]:8080/v1', true],
    ['http://[::ffff:127.0.0.1]/v1', true],
    ['http://0.0.0.0:11434/v1', true],
    ['https://api.openai.com/v1', false],
    ['http://192.168.1.20:11434/v1', false],
    ['http://localhost.example.com/v1', false],
    ['http://128.0.0.1/v1', false],
    ['not a url', false],
  ])('%s → %s', (url, local) => {
    expect(isLocalBaseUrl(url)).toBe(local);
  });

  it('names the server a key belongs to by its origin', () => {
    expect(originOf('https://api.openai.com/v1/')).toBe('https://api.openai.com');
    expect(originOf('http://localhost:11434/v1')).toBe('http://localhost:11434');
    expect(originOf('file:///x')).toBeNull();
  });
});

describe('prices and usage', () => {
  it('prices a dated model by its family, knows no price for unknown models, and nothing costs money locally', () => {
    expect(priceOf('gpt-4o-mini-2024-07-18', false)).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
    expect(priceOf('gpt-4o', false)).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
    expect(priceOf('llama3.2', false)).toBeNull();
    expect(priceOf('llama3.2', true)).toEqual({ inputPerMillion: 0, outputPerMillion: 0 });
  });

  it('adds up calls and tokens, and estimates the cost only when every answer reported its tokens', () => {
    const ledger = new UsageLedger('gpt-4o-mini', false);
    ledger.request({ promptTokens: 1_000_000, completionTokens: 0 }, true);
    ledger.request({ promptTokens: 0, completionTokens: 500_000 }, true);
    ledger.request(null, false); // no answer: nothing to count
    ledger.failure();
    expect(ledger.summary()).toEqual({
      model: 'gpt-4o-mini',
      calls: 3,
      failed: 1,
      promptTokens: 1_000_000,
      completionTokens: 500_000,
      totalTokens: 1_500_000,
      usageReported: true,
      estimatedCostUsd: 0.45,
    });
    ledger.request(null, true); // answered without counting tokens
    expect(ledger.summary()).toMatchObject({ usageReported: false, estimatedCostUsd: null });
    expect(new UsageLedger('mystery-model', false).summary().estimatedCostUsd).toBeNull();
  });

  it('writes costs for people', () => {
    expect(formatCost(null)).toBe('unknown');
    expect(formatCost(0)).toBe('$0 (runs on this computer)');
    expect(formatCost(0.00001)).toBe('less than $0.0001');
    expect(formatCost(0.0042)).toBe('$0.0042');
    expect(formatCost(1.5)).toBe('$1.50');
  });
});

describe('redact', () => {
  it('hides the key and any long stretch of it', () => {
    const key = 'sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
    expect(redact(`Incorrect API key provided: ${key}.`, key)).toBe('Incorrect API key provided: [key].');
    const partial = redact(`key ${key.slice(0, 14)}…${key.slice(-4)}`, key);
    expect(partial).not.toContain(key.slice(0, 12));
    expect(redact('nothing here', key)).toBe('nothing here');
    expect(redact('text', null)).toBe('text');
  });
});

describe('backoff', () => {
  it('doubles each time, honours Retry-After, and never waits longer than the cap', () => {
    const failure = { problem: 'server' as const, message: '', retryable: true, retryAfterMs: null };
    expect(backoffMs(DEFAULT_RETRY, 0, failure, () => 0)).toBe(500);
    expect(backoffMs(DEFAULT_RETRY, 1, failure, () => 0)).toBe(1_000);
    expect(backoffMs(DEFAULT_RETRY, 2, failure, () => 1)).toBe(2_500);
    expect(backoffMs(DEFAULT_RETRY, 0, { ...failure, retryAfterMs: 3_000 }, () => 0)).toBe(3_000);
    expect(backoffMs(DEFAULT_RETRY, 0, { ...failure, retryAfterMs: 60_000 }, () => 0)).toBe(8_000);
  });

  it('stops pausing when the run is cancelled', async () => {
    const abort = new AbortController();
    const waiting = pause(60_000, abort.signal);
    abort.abort();
    expect(await waiting).toBe(false);
    expect(await pause(1)).toBe(true);
  });
});

describe('batch call estimate', () => {
  function wf(): Workflow {
    const base = blankWorkflow('wf', 'Estimate');
    const ai = (id: string, provider: 'mock' | 'external') => ({
      id,
      kind: 'ai' as const,
      label: id,
      position: { x: 0, y: 0 },
      config: { task: 'classify' as const, prompt: '', output: 'x', labels: [], confidenceThreshold: 0.7, sources: [], tools: [], mode: 'suggest' as const, provider },
    });
    return {
      ...base,
      nodes: [
        { id: 'in', kind: 'intake', label: 'in', position: { x: 0, y: 0 }, config: { source: 'form', fields: [] } },
        ai('a', 'external'),
        ai('b', 'mock'),
        ai('c', 'external'),
        ai('orphan', 'external'),
        { id: 'z', kind: 'end', label: 'z', position: { x: 0, y: 0 }, config: { outcome: 'done' } },
      ],
      edges: [
        { id: 'e1', source: 'in', sourceHandle: 'out', target: 'a' },
        { id: 'e2', source: 'a', sourceHandle: 'ok', target: 'b' },
        { id: 'e3', source: 'b', sourceHandle: 'ok', target: 'c' },
        { id: 'e4', source: 'c', sourceHandle: 'ok', target: 'z' },
        { id: 'e5', source: 'c', sourceHandle: 'error', target: 'a' },
      ],
    } as Workflow;
  }

  it('counts the external steps a run can reach, once per run', () => {
    expect(reachableExternalAiNodes(wf())).toEqual(['a', 'c']);
    expect(countExternalCalls(wf(), 100, 'openai-compatible')).toBe(200);
    expect(countExternalCalls(wf(), 100, 'mock')).toBe(0);
  });

  it('asks only above the allowed number', () => {
    expect(mustAskBeforeCalls(20, 20)).toBe(false);
    expect(mustAskBeforeCalls(21, 20)).toBe(true);
  });

  it('estimates a batch: the model and its host when it is used, nothing on the mock', () => {
    const remote = { provider: 'openai-compatible' as const, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', maxCallsWithoutAsking: 150 };
    const e = estimateCalls(wf(), 100, remote);
    expect(e).toEqual({ calls: 200, maxCallsWithoutAsking: 150, mustAsk: true, model: 'gpt-4o-mini', host: 'api.openai.com', local: false, steps: ['a', 'c'] });
    expect(callsPhrase(e)).toBe('about 200 calls to gpt-4o-mini at api.openai.com');
    expect(estimateCalls(wf(), 100, { ...remote, baseUrl: 'http://localhost:11434/v1' })).toMatchObject({ host: 'localhost:11434', local: true });
    expect(estimateCalls(wf(), 100, { ...remote, provider: 'mock' })).toEqual({ calls: 0, maxCallsWithoutAsking: 150, mustAsk: false, model: null, host: null, local: false, steps: [] });
  });
});
