// An AI step: asks the AI provider (the offline mock by default), with what its knowledge sources
// found; leaves by `low_confidence` below its threshold, and in `act` mode calls its tools itself.
// In a batch calibrated from a log, each visit is drawn an output from the log's shares: `error` is
// an AI that does not answer, `low_confidence` an unsure answer (as the scenario's faults), `ok` a sure
// one whatever the confidence; its tools still need their grants.
import type { NodeOfKind } from '../../model/schema';
import { errorText } from '../../text';
import type { AiDocument, AiRequest, AiResponse } from '../ai-provider';
import type { CompiledCall, CompiledNode } from '../compile';
import type { DataRecord } from '../datasets';
import { AI_MS, AI_TIMEOUT_MS } from '../durations';
import type { Handle, PendingAi, RunState } from '../run-state';
import { search } from '../store';
import { round2 } from '../text';
import { lookup, render, textOf } from '../variables';
import { callConnector } from './connector-call';

/** Knowledge searches hand at most this many articles to the AI step. */
export const RETRIEVE_LIMIT = 3;

export function runAi(run: RunState, c: CompiledNode, node: NodeOfKind<'ai'>): Handle {
  const cfg = node.config;
  const vars = run.scope();
  const forced = run.forcedHandle(node.id);
  if (forced === 'error' || (forced === undefined && run.aiFault(node.id) === 'error')) {
    if (!run.timedByCalibration(node.id)) run.wait(AI_TIMEOUT_MS);
    const why = forced ? 'drawn from the calibrated shares' : 'a fault set by the scenario';
    aiEvent(run, node, cfg.prompt ? render(cfg.prompt, vars) : '', null, null, null, `The AI service did not answer (${why}).`);
    return 'error';
  }
  const values: Record<string, unknown> = {};
  if (c.promptRefs.length) for (const ref of c.promptRefs) values[ref] = lookup(vars, ref);
  else Object.assign(values, run.item);
  let material = '';
  for (const v of Object.values(values)) {
    const t = textOf(v);
    if (t) material = material ? `${material}\n${t}` : t;
  }
  let documents: AiDocument[] = run.lastDocuments;
  if (c.sources.length) {
    const found = consultSources(run, node.id, c.sources, material);
    if (found === null) return 'error';
    documents = found;
    if (found.length) run.lastDocuments = found;
  } else if (cfg.task === 'retrieve') {
    documents = [];
  }
  const request: AiRequest = {
    nodeId: node.id,
    task: cfg.task,
    prompt: cfg.prompt ? render(cfg.prompt, vars) : material,
    material,
    values,
    item: run.item,
    labels: c.labels,
    fields: cfg.fields ?? [],
    documents,
    template: cfg.template !== undefined ? render(cfg.template, vars) : undefined,
    signature: run.wf.owner,
  };
  let answer: AiResponse | Promise<AiResponse>;
  try {
    answer = run.ai.run(request);
  } catch (e) {
    answer = { ok: false, error: errorText(e) };
  }
  if (isPromise(answer)) {
    const pending: PendingAi = { node: c, request, response: null, settled: Promise.resolve() };
    pending.settled = answer.then(
      (r) => void (pending.response = r),
      (e: unknown) => void (pending.response = { ok: false, error: errorText(e) }),
    );
    run.pendingAi = pending;
    run.phase = 'ai';
    return null;
  }
  return finishAi(run, c, node, request, answer);
}

/**
 * Asks the step's knowledge sources. Searches (actions that take a query) look for articles matching
 * the material; reads by id then open what the searches found (`kb.read_article`), or, when nothing
 * was searched, read the record the run is about (a customer's account). Null when a source refused
 * or failed: the step leaves by `error`, as with a real 403.
 */
function consultSources(run: RunState, nodeId: string, sources: readonly CompiledCall[], query: string): AiDocument[] | null {
  const found: AiDocument[] = [];
  const datasetOf = new Map<string, string | null>();
  for (const source of sources) {
    if (source.inputs !== null && !source.inputs.includes('query')) continue;
    if (!callConnector(run, nodeId, source, { query }).ok) return null;
    if (!source.dataset || !run.store.has(source.dataset)) continue;
    for (const hit of search(run.store.records(source.dataset), query, RETRIEVE_LIMIT, source.connector)) {
      if (found.some((d) => d.id === hit.record.id)) continue;
      found.push(documentOf(hit.record, 'article', hit.score));
      datasetOf.set(hit.record.id, source.dataset);
    }
  }
  found.sort((a, b) => b.score - a.score);
  const articles = found.slice(0, RETRIEVE_LIMIT);
  const records: AiDocument[] = [];
  for (const source of sources) {
    if (source.inputs === null || source.inputs.includes('query')) continue;
    const idKey = source.idKeys.find((k) => source.inputs!.includes(k));
    const opened = articles.filter((d) => datasetOf.get(d.id) === source.dataset);
    if (opened.length && idKey) {
      for (const doc of opened) if (!callConnector(run, nodeId, source, { [idKey]: doc.id }).ok) return null;
      continue;
    }
    const input = run.input(source, {});
    if (!idKey || input[idKey] === undefined) continue;
    const result = callConnector(run, nodeId, source, input);
    if (!result.ok) return null;
    const value = result.value;
    if (value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string') {
      records.push(documentOf(value as DataRecord, 'record', 0));
    }
  }
  return [...articles, ...records];
}

/** Takes the provider's answer: the output variable, the confidence check, and in `act` mode the tools. */
export function finishAi(run: RunState, c: CompiledNode, node: NodeOfKind<'ai'>, request: AiRequest, answer: AiResponse): Handle {
  const cfg = node.config;
  // A calibrated step's time is drawn as a whole when it is left (RunState.finishStepTime).
  if (!run.timedByCalibration(node.id)) {
    if (answer.durationMs !== undefined) run.wait(answer.durationMs);
    else run.waitJitter(AI_MS[cfg.task] ?? AI_MS.classify);
  }
  if (!answer.ok) {
    aiEvent(run, node, request.prompt, null, null, null, answer.error);
    return 'error';
  }
  let confidence = answer.confidence;
  let note = answer.note ?? null;
  // `forced` was drawn when the step began (runAi), and survives a wait for the provider.
  const forced = run.forced;
  if (forced === 'low_confidence' || (forced === null && run.aiFault(node.id) === 'low_confidence')) {
    confidence = round2(Math.min(confidence, cfg.confidenceThreshold * 0.5));
    note = forced ? 'unsure (drawn from the calibrated shares)' : 'unsure (a fault set by the scenario)';
  }
  const output = cfg.output.trim() || 'result';
  run.vars[output] = answer.output;
  if (typeof answer.output === 'string' && (cfg.task === 'draft' || cfg.task === 'summarize')) run.lastText = answer.output;
  aiEvent(run, node, request.prompt, answer.output, confidence, note, null);
  if (confidence < cfg.confidenceThreshold && forced !== 'ok') return 'low_confidence';
  if (cfg.mode === 'act') {
    // An agent in act mode calls its tools itself, with what it produced (its output variable, else
    // the latest draft); a refused tool is an error.
    const toolText = (s: { vars: Record<string, unknown>; lastText: string | undefined }) => {
      const own = s.vars[output];
      return typeof own === 'string' ? own : s.lastText;
    };
    for (const tool of c.tools) {
      if (!callConnector(run, node.id, tool, run.input(tool, (s) => ({ text: toolText(s) }))).ok) return 'error';
    }
  }
  return 'ok';
}

function aiEvent(run: RunState, node: NodeOfKind<'ai'>, input: string, output: unknown, confidence: number | null, note: string | null, error: string | null): void {
  const rec = run.recorder;
  if (!rec.recording) return;
  if (error !== null) rec.events.push({ type: 'error', atMs: run.now, nodeId: node.id, message: error });
  rec.events.push({
    type: 'ai',
    atMs: run.now,
    nodeId: node.id,
    task: node.config.task,
    provider: run.ai.name,
    input,
    output: output ?? null,
    confidence,
    threshold: node.config.confidenceThreshold,
    note,
    error,
  });
}

function documentOf(r: DataRecord, kind: AiDocument['kind'], score: number): AiDocument {
  const title = textOf(r.title ?? r.name ?? r.subject ?? r.id);
  const text = kind === 'article' ? textOf(r.body ?? r.summary ?? r.description ?? '') : textOf(r);
  return { id: r.id, kind, title, text, score };
}

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown })?.then === 'function';
}
