// Turns Node file-system errors into API errors with plain messages the renderer can show as is.
import { ApiError } from '../../shared/api/contract';
import { WorkflowLoadError } from '../../shared/model/load';

/** `doing` completes "could not … <file>", e.g. "open", "save", "read". */
export function fsError(e: unknown, file: string, doing: string): Error {
  if (e instanceof ApiError || e instanceof WorkflowLoadError) return e;
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return new ApiError('not-found', `There is no file at ${file}.`);
    case 'EISDIR':
      return new ApiError('bad-request', `${file} is a folder, not a file.`);
    case 'ENOTDIR':
      return new ApiError('not-found', `The folder for ${file} does not exist.`);
    case 'EACCES':
    case 'EPERM':
      return new ApiError('io', `Flowgate is not allowed to ${doing} ${file}. Check the file's permissions.`);
    case 'EROFS':
      return new ApiError('io', `Could not ${doing} ${file}: the disk is read-only.`);
    case 'ENOSPC':
      return new ApiError('io', `Could not ${doing} ${file}: the disk is full.`);
    default:
      return new ApiError('io', `Could not ${doing} ${file}: ${err?.message ?? String(e)}`);
  }
}

export function isNotFound(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}
