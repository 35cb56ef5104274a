// Opens a URL in the user's default browser, best effort (a missing opener is not an error).
import { spawn } from 'node:child_process';

export function openBrowser(url: string, onError: (message: string) => void): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? // The empty "" is start's window title; without it a quoted URL would be taken as the title.
          ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => onError(`Could not open a browser; open the address above yourself.`));
    child.unref();
  } catch {
    onError('Could not open a browser; open the address above yourself.');
  }
}
