// Workflow files the OS asks us to open (command line, a second launch, macOS open-file) reach the
// renderer as 'flowgate:open-file'. Paths that arrive before the page has loaded wait for it.
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { OPEN_FILE } from './channels';

const WORKFLOW_SUFFIX = '.flowgate.json';

/** The workflow files named in a command line; relative paths are taken from the launch folder. */
export function workflowPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv.filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(WORKFLOW_SUFFIX)).map((arg) => path.resolve(cwd, arg));
}

export class OpenFileRouter {
  private pending: string[] = [];
  private win: BrowserWindow | null = null;
  private ready = false;

  /** The window that receives files; it gets the queued ones once its page has loaded. */
  attach(win: BrowserWindow): void {
    this.win = win;
    this.ready = false;
    win.webContents.on('did-finish-load', () => {
      if (this.win !== win) return;
      this.ready = true;
      this.flush();
    });
    win.on('closed', () => {
      if (this.win === win) {
        this.win = null;
        this.ready = false;
      }
    });
  }

  open(filePath: string): void {
    this.pending.push(filePath);
    this.flush();
    const win = this.win;
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
  }

  private flush(): void {
    const win = this.win;
    if (!win || win.isDestroyed() || !this.ready) return;
    for (const p of this.pending.splice(0)) win.webContents.send(OPEN_FILE, p);
  }
}
