// Browser mode can have several tabs open on one backend, and each writes its own journal entry.
// At start, entries that another open tab is still writing are live, not left behind by a crash:
// offering them would let this tab restore or discard work that is still open elsewhere. Tabs of
// the same app (same origin) ask each other over a BroadcastChannel.
const CHANNEL = 'flowgate.recovery';
/** How long a starting tab waits for the others to answer; only paid when there are entries. */
export const LIVE_WAIT_MS = 200;

type Message = { type: 'who' } | { type: 'mine'; key: string };

/** Answers other tabs' "whose entries are live?" with this tab's current journal key. Returns a stop function. */
export function answerLiveKeyQueries(currentKey: () => string): () => void {
  if (typeof BroadcastChannel !== 'function') return () => {};
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<Message>) => {
    if (e.data?.type === 'who') channel.postMessage({ type: 'mine', key: currentKey() } satisfies Message);
  };
  return () => channel.close();
}

/** The journal keys other open tabs are writing under now. */
export function liveKeysOfOtherTabs(waitMs = LIVE_WAIT_MS): Promise<Set<string>> {
  const keys = new Set<string>();
  if (typeof BroadcastChannel !== 'function') return Promise.resolve(keys);
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<Message>) => {
    if (e.data?.type === 'mine' && typeof e.data.key === 'string') keys.add(e.data.key);
  };
  channel.postMessage({ type: 'who' } satisfies Message);
  return new Promise((resolve) =>
    setTimeout(() => {
      channel.close();
      resolve(keys);
    }, waitMs),
  );
}
