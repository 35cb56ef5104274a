// Auto-layout lives in shared/ (drafts are laid out the same way); the canvas imports it from here.
export { autoLayout, DEFAULT_NODE_SIZE } from '../../../shared/model/auto-layout';
