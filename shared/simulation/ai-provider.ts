// What an AI step asks of an AI provider. The mock answers at once; a real provider (OpenAI-compatible,
// in the backend) answers with a promise, and the engine pauses until it settles.
import type { AiTask } from '../model/schema';

export interface AiLabel {
  name: string;
  keywords: readonly string[];
}

/** Something an AI step may draw on: an article a search found, or a record a source read (a customer's account). */
export interface AiDocument {
  id: string;
  kind: 'article' | 'record';
  title: string;
  text: string;
  /** How well an article matched the search, as the number of search terms it contains; 0 for records. */
  score: number;
}

export interface AiRequest {
  nodeId: string;
  task: AiTask;
  /** The step's prompt with its `{{variables}}` filled in: what a real model would be sent. */
  prompt: string;
  /** The material the step works on: the values of the variables the prompt uses (or the whole input). */
  material: string;
  /** Named values of that material, for drafts and extraction. */
  values: Readonly<Record<string, unknown>>;
  /** The item the run is about (the intake's fields), for names and addresses the prompt does not mention. */
  item: Readonly<Record<string, unknown>>;
  labels: readonly AiLabel[];
  /** Fields an extract step pulls out. */
  fields: readonly string[];
  /** What the step's knowledge sources gave (or, for a step without sources, the run's latest retrieval). */
  documents: readonly AiDocument[];
  /** A draft template from the node's config, when it has one. */
  template?: string;
  /** Who signs drafts: the workflow's owner. */
  signature: string;
}

export type AiResponse =
  | {
      ok: true;
      /** The label (classify, route), the text (summarize, draft), an object of fields (extract) or the sources (retrieve). */
      output: unknown;
      /** 0 to 1; below the step's threshold the step leaves by `low_confidence`. */
      confidence: number;
      /** Virtual time the answer took; the engine uses its own duration for the task when absent. */
      durationMs?: number;
      /** One line on why, shown in the trace (matched keywords, fields found). */
      note?: string;
    }
  | { ok: false; error: string; durationMs?: number };

export interface AiProvider {
  /** Shown in the trace: `mock`, or the model name of a real provider. */
  readonly name: string;
  run(request: AiRequest): AiResponse | Promise<AiResponse>;
}
