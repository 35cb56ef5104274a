// Whether an AI server's base URL points at this machine. A local server (Ollama, LM Studio) keeps
// the data on the computer, so the analysis does not flag sensitive data sent to it, and nothing costs money.

/** True for localhost, *.localhost, 127.0.0.0/8, ::1 and 0.0.0.0 (which reaches this machine). */
export function isLocalBaseUrl(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1' || host === '0.0.0.0') return true;
  // IPv4-mapped IPv6 loopback (::ffff:127.0.0.1), as URL normalises it (::ffff:7f00:1).
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** `https://api.openai.com/v1` → `https://api.openai.com`: the server a stored key belongs to. */
export function originOf(baseUrl: string): string | null {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
