// A lowdb adapter that validates what it reads and writes through atomic-write.
// Why not lowdb's JSONFile: its writer (steno) does write a temp file and rename it, and it
// queues writes, but it never fsyncs (a power cut can leave an empty store) and keeps no
// backup. Routing writes through atomicWriteFile gives fsync, `.bak`, and the same per-path
// queue as workflow saves.
import { readFile } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import type { z } from 'zod';
import { jsonPath, jsonSyntaxProblem } from '../../shared/model/load';
import { atomicWriteFile, realFs, type AtomicFs } from './atomic-write';
import { isNotFound } from './errors';

/** The store file exists but is not JSON of the expected shape. */
export class CorruptStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptStoreError';
  }
}

export class ValidatedJsonFile<S extends z.ZodType> implements Adapter<z.output<S>> {
  constructor(
    readonly file: string,
    readonly schema: S,
    readonly fs: AtomicFs = realFs,
  ) {}

  async read(): Promise<z.output<S> | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      // The loader's words ("unexpected "o" at line 1, column 14"), not V8's message quoting the file back.
      throw new CorruptStoreError(`not valid JSON: ${jsonSyntaxProblem(text, (e as Error).message)}`);
    }
    const parsed = this.schema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CorruptStoreError(`${jsonPath(issue.path)}: ${issue.message}`);
    }
    return parsed.data;
  }

  write(data: z.output<S>): Promise<void> {
    return atomicWriteFile(this.file, `${JSON.stringify(data, null, 2)}\n`, { backup: true, fs: this.fs });
  }
}
