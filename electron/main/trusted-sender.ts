// Decides whether an IPC message really comes from our app's page: one of our windows, its main
// frame (not an iframe), currently showing our renderer (not a page it was somehow navigated to).
import type { WebContents, WebFrameMain } from 'electron';
import type { OriginPolicy } from './app-origin';

export interface SenderEvent {
  sender: WebContents;
  senderFrame: WebFrameMain | null;
}

export type SenderCheck = (event: SenderEvent) => boolean;

export function createSenderCheck(policy: OriginPolicy, isOurWebContents: (wc: WebContents) => boolean): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    // null: the frame navigated away or was destroyed after sending.
    if (!frame || !isOurWebContents(event.sender)) return false;
    const main = event.sender.mainFrame;
    const isMainFrame = frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
    return isMainFrame && policy.isAppUrl(frame.url);
  };
}
