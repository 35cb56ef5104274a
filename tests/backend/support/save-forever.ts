// A child process for the kill-during-save test: saves one file over and over with the atomic write
// every save uses (temp file, fsync, .bak, rename), alternating between two versions, until it is
// killed. Prints "saving" once the first save is on disk, so the parent knows the file exists.
// Usage (bundled by the test): node save-forever.mjs <file> <versionsFile>
import { readFileSync } from 'node:fs';
import { atomicWriteFile } from '../../../electron/backend/atomic-write';

const [file, versionsFile] = process.argv.slice(2);
const versions = JSON.parse(readFileSync(versionsFile, 'utf8')) as string[];
for (let i = 0; ; i++) {
  await atomicWriteFile(file, versions[i % versions.length], { backup: true });
  if (i === 0) process.stdout.write('saving\n');
}
