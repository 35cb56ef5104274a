// Nodes that steer the flow rather than act: branches become decisions, stops become ends, and nodes
// that only reshape data are folded away with their edges joined.
import { BASE } from '../n8n-json';
import { waitLimitHours } from './define';
import { param, text, type N8nFamily } from './types';

const B = BASE;

/** Nodes that reshape items and touch nothing outside n8n. */
const PASS = [
  'set', 'code', 'function', 'functionItem', 'merge', 'splitInBatches', 'splitOut', 'aggregate', 'summarize', 'sort', 'limit',
  'removeDuplicates', 'itemLists', 'dateTime', 'crypto', 'html', 'markdown', 'xml', 'renameKeys', 'compareDatasets',
  'convertToFile', 'extractFromFile', 'moveBinaryData', 'spreadsheetFile', 'respondToWebhook', 'debugHelper', 'executionData',
  'noOp', 'wait',
].map((t) => `${B}${t}`);

export const flow: N8nFamily = {
  id: 'flow',
  label: 'Flow',
  types: [`${B}if`, `${B}switch`, `${B}filter`, `${B}stopAndError`, `${B}stickyNote`, ...PASS],
  credentialTypes: [],
  describe(node) {
    switch (node.type) {
      case `${B}if`:
      case `${B}switch`:
      case `${B}filter`:
        return { role: 'decision' };
      case `${B}stopAndError`:
        return { role: 'end', outcome: 'stopped' };
      case `${B}stickyNote`:
        return { role: 'ignore' };
      case `${B}wait`: {
        // A Wait resumed by a call or a form is how n8n users built approvals before send-and-wait.
        const resume = text(param(node, 'resume'));
        if (resume === 'webhook' || resume === 'form') {
          return { role: 'approval', reviewer: '', instructions: text(param(node, 'formDescription')), timeoutHours: waitLimit(node), via: resume === 'form' ? 'an n8n form' : 'a webhook call' };
        }
        return { role: 'pass' };
      }
      default:
        return { role: 'pass' };
    }
  },
};

/** The Wait node's own limit (`limitWaitTime` with `limitType`, `resumeAmount`, `resumeUnit` at the top level). */
function waitLimit(node: Parameters<typeof waitLimitHours>[0]): number | null {
  if (param(node, 'limitWaitTime') !== true) return null;
  return waitLimitHours({ ...node, parameters: { options: { limitWaitTime: { values: node.parameters } } } });
}
