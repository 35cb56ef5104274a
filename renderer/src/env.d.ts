// Ambient types for the renderer: style imports and the Electron preload bridge.
import type { FlowgateBridge } from '../../shared/api/bridge';

declare module '*.css' {
  const css: string;
  export default css;
}

declare global {
  interface Window {
    /** Present only inside the Electron app (see electron/preload). */
    flowgate?: FlowgateBridge;
  }
}

export {};
