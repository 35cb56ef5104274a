// Ambient types for the renderer: style imports and the Electron preload bridge.
import type { FlowgateBridge } from '../../shared/api/bridge';

declare module '*.css' {
  const css: string;
  export default css;
}

declare global {
  interface ImportMeta {
    /** Vite's build-time glob import (used for the rule pages, which ship inside the app). */
    glob(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
  }
  interface Window {
    /** Present only inside the Electron app (see electron/preload). */
    flowgate?: FlowgateBridge;
  }
}

export {};
