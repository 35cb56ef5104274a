// Moved: the edits of a workflow document live in shared/model/edits/ (graph, fragments, workflow,
// connections…). This file only keeps imports from branches written before the move compiling;
// import from shared/model/edits/ instead. Remove it once nothing imports it.
export { addNode, connect, moveNodes, removeElements, updateNode, type EditResult } from './edits/graph';
export { extractFragment, pasteFragment, type Fragment } from './edits/fragments';
export { blankWorkflow, setProperties } from './edits/workflow';
export { addConnection, removeConnection, updateConnection } from './edits/connections';
