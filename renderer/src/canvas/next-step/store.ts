// Which step's next-step picker is open (and for which output), so that the "+" buttons on the canvas
// and the Add Next Step command (Alt+Enter) open the same picker. Free of React, like the other stores.
import { createStore } from 'zustand/vanilla';

export interface NextStepRequest {
  nodeId: string;
  /** The output to add after; null lets the picker offer the step's outputs, the first free one chosen. */
  handle: string | null;
}

export type NextStepStore = ReturnType<typeof createNextStep>;

export function createNextStep() {
  const store = createStore<{ request: NextStepRequest | null }>()(() => ({ request: null }));
  return {
    store,
    get request() {
      return store.getState().request;
    },
    open(nodeId: string, handle: string | null = null) {
      store.setState({ request: { nodeId, handle } });
    },
    close() {
      if (store.getState().request) store.setState({ request: null });
    },
  };
}
