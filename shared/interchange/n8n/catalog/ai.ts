// n8n's AI nodes: LangChain root nodes and the OpenAI node become AI steps; chat models, memories and
// output parsers are sub-nodes folded into the step they serve; LangChain tools are agent tools.
import { LANGCHAIN, type N8nNode } from '../n8n-json';
import { param, text, type ActionSpec, type N8nFamily, type NodeRole } from './types';

const L = LANGCHAIN;

function prompt(node: N8nNode): string {
  const p = text(param(node, 'text')) || text(param(node, 'inputText')) || text(param(node, 'prompt'));
  if (p) return p;
  if (param(node, 'promptType') !== 'define') return '={{ $json.chatInput }}';
  return '';
}

function listOf(value: unknown, key: string): Record<string, unknown>[] {
  const inner = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(inner) ? inner.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

/** The model a node or model sub-node names: a plain string or a resource locator. */
export function modelName(node: N8nNode): string {
  return text(param(node, 'model')) || text(param(node, 'modelId')) || text(param(node, 'modelName'));
}

const ROOTS: Record<string, (node: N8nNode) => NodeRole> = {
  [`${L}agent`]: (node) => ({ role: 'ai', task: 'draft', prompt: prompt(node), output: 'output' }),
  [`${L}chainLlm`]: (node) => ({ role: 'ai', task: 'draft', prompt: prompt(node), output: 'text' }),
  [`${L}chainRetrievalQa`]: (node) => ({ role: 'ai', task: 'retrieve', prompt: prompt(node), output: 'response' }),
  [`${L}chainSummarization`]: (node) => ({ role: 'ai', task: 'summarize', prompt: prompt(node), output: 'summary' }),
  [`${L}textClassifier`]: (node) => ({
    role: 'ai',
    task: 'classify',
    prompt: prompt(node),
    output: 'category',
    labels: listOf(param(node, 'categories'), 'categories').map((c) => text(c.category)).filter(Boolean),
  }),
  [`${L}sentimentAnalysis`]: (node) => {
    const options = param(node, 'options') as Record<string, unknown> | undefined;
    const categories = text(options?.categories) || 'Positive, Neutral, Negative';
    return { role: 'ai', task: 'classify', prompt: prompt(node), output: 'sentiment', labels: categories.split(',').map((c) => c.trim()).filter(Boolean) };
  },
  [`${L}informationExtractor`]: (node) => ({
    role: 'ai',
    task: 'extract',
    prompt: prompt(node),
    output: 'output',
    fields: listOf(param(node, 'attributes'), 'attributes').map((a) => text(a.name)).filter(Boolean),
  }),
  // The OpenAI node calls the model itself, with no model sub-node.
  [`${L}openAi`]: (node) => {
    const resource = text(param(node, 'resource')) || 'text';
    const operation = text(param(node, 'operation'));
    const task = operation === 'classify' ? 'classify' : resource === 'audio' ? 'extract' : resource === 'image' && operation === 'analyze' ? 'extract' : 'draft';
    const messages = listOf(param(node, 'messages'), 'values').map((m) => text(m.content)).join('\n');
    return { role: 'ai', task, prompt: messages || prompt(node), output: 'message', model: modelName(node) };
  },
};

/** LangChain tools that only look things up or compute. */
const READ_TOOLS: Record<string, string> = {
  [`${L}toolCalculator`]: 'Calculate',
  [`${L}toolCode`]: 'Run code written in the workflow',
  [`${L}toolWikipedia`]: 'Search Wikipedia',
  [`${L}toolSerpApi`]: 'Search the web (SerpAPI)',
  [`${L}toolSearXng`]: 'Search the web (SearXNG)',
  [`${L}toolWolframAlpha`]: 'Ask Wolfram Alpha',
  [`${L}toolThink`]: 'Think',
  [`${L}toolVectorStore`]: 'Search a vector store',
};

/** Tools that hand over to something whose effect Flowgate cannot see. */
const OPAQUE_TOOLS: Record<string, string> = {
  [`${L}toolWorkflow`]: 'Run another n8n workflow',
  [`${L}mcpClientTool`]: 'Call the tools of an MCP server',
  [`${L}agentTool`]: 'Ask another AI agent, with its own tools',
};

function toolAction(type: string): ActionSpec {
  const short = type.slice(L.length);
  if (READ_TOOLS[type]) return { scope: `ai.${short}`, label: READ_TOOLS[type], effect: 'read', customerFacing: false, data: [] };
  return { scope: `ai.${short}`, label: `${OPAQUE_TOOLS[type]} (${type})`, effect: 'trigger', customerFacing: false, data: [], unknownEffect: true };
}

export const ai: N8nFamily = {
  id: 'ai',
  label: 'AI',
  types: [...Object.keys(ROOTS), ...Object.keys(READ_TOOLS), ...Object.keys(OPAQUE_TOOLS)],
  credentialTypes: ['openAiApi', 'anthropicApi', 'googlePalmApi', 'mistralCloudApi', 'groqApi', 'ollamaApi', 'azureOpenAiApi', 'deepSeekApi', 'openRouterApi', 'xAiApi'],
  describe(node) {
    const root = ROOTS[node.type];
    if (root) return root(node);
    return { role: 'integration', action: toolAction(node.type) };
  },
};

/** Sub-nodes: models (`lmChat…`, `lm…`), memories, output parsers, embeddings, loaders, splitters, retrievers, vector stores. */
export function subNodeRole(type: string, node: N8nNode): NodeRole | undefined {
  if (!type.startsWith(L)) return undefined;
  const short = type.slice(L.length);
  if (/^lm/.test(short)) return { role: 'model', model: modelName(node) || short, local: /ollama/i.test(short) };
  if (/^(memory|outputParser|embeddings|document|textSplitter|retriever|vectorStore|reranker)/.test(short)) return { role: 'attachment', what: short };
  return undefined;
}
