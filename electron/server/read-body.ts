// Reads a request body into memory with a hard size limit, so one request cannot exhaust memory.
import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
    this.name = 'BodyTooLargeError';
  }
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    // Refuse before reading a byte when the client announces too much.
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyTooLargeError(limit));
    if (req.destroyed) return reject(new Error('The connection closed before the request was complete.'));
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle(() => reject(new BodyTooLargeError(limit)));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks))));
    req.on('error', (e) => settle(() => reject(e)));
    // A client that goes away (or a request timeout) before the end: nothing more will come.
    req.on('close', () => settle(() => reject(new Error('The connection closed before the request was complete.'))));
  });
}
