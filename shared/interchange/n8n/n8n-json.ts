// The shape of an n8n workflow file (what n8n's "Download" and `n8n export:workflow` write), as far
// as Flowgate reads and writes it. Node parameters stay open: each node type has its own.

export interface N8nCredentialRef {
  id?: string;
  name: string;
}

export interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, N8nCredentialRef>;
  /** `continueErrorOutput` adds an error output after the node's normal outputs. */
  onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
  disabled?: boolean;
  notes?: string;
  webhookId?: string;
  [key: string]: unknown;
}

/** One end of a connection: the target node's name, the connection type and the target's input index. */
export interface N8nConnectionTarget {
  node: string;
  type: string;
  index: number;
}

/** source node name → connection type (`main`, `ai_tool`, …) → output index → targets. */
export type N8nConnections = Record<string, Record<string, (N8nConnectionTarget[] | null)[]>>;

export interface N8nWorkflow {
  name: string;
  nodes: N8nNode[];
  connections: N8nConnections;
  settings?: Record<string, unknown>;
  pinData?: Record<string, unknown>;
  active?: boolean;
  meta?: Record<string, unknown>;
  tags?: unknown[];
  id?: string;
  [key: string]: unknown;
}

export const BASE = 'n8n-nodes-base.';
export const LANGCHAIN = '@n8n/n8n-nodes-langchain.';

/** Connection types by which sub-nodes serve the AI node they are attached to. */
export const AI_CONNECTION_TYPES = ['ai_languageModel', 'ai_memory', 'ai_outputParser', 'ai_tool', 'ai_document', 'ai_embedding', 'ai_retriever', 'ai_textSplitter', 'ai_vectorStore'] as const;
