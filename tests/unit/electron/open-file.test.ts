import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BrowserWindow } from 'electron';
import { OPEN_FILE } from '../../../electron/main/channels';
import { OpenFileRouter, workflowPathsFromArgv } from '../../../electron/main/open-file';
import { FakeBrowserWindow } from './fake-electron';

describe('workflow files on the command line', () => {
  it('takes *.flowgate.json arguments, resolved against the launch folder', () => {
    const argv = ['.', '--inspect', 'notes.txt', 'client/intake.flowgate.json', '/abs/Other.FLOWGATE.JSON', '--x=a.flowgate.json'];
    expect(workflowPathsFromArgv(argv, '/home/me')).toEqual([path.resolve('/home/me/client/intake.flowgate.json'), '/abs/Other.FLOWGATE.JSON']);
    expect(workflowPathsFromArgv([], '/')).toEqual([]);
  });
});

describe('OpenFileRouter', () => {
  let router: OpenFileRouter;
  let win: FakeBrowserWindow;
  const opened = () => win.webContents.sent.filter(([c]) => c === OPEN_FILE).map(([, p]) => p);

  beforeEach(() => {
    router = new OpenFileRouter();
    win = new FakeBrowserWindow({});
  });

  it('holds files that arrive before the window exists or has loaded, then hands them over', () => {
    router.open('/a.flowgate.json');
    router.attach(win as unknown as BrowserWindow);
    router.open('/b.flowgate.json');
    expect(opened()).toEqual([]);
    win.webContents.finishLoad('file:///app/index.html');
    expect(opened()).toEqual(['/a.flowgate.json', '/b.flowgate.json']);
  });

  it('sends straight away once loaded, and brings the window forward', () => {
    router.attach(win as unknown as BrowserWindow);
    win.webContents.finishLoad('file:///app/index.html');
    win.minimized = true;
    router.open('/c.flowgate.json');
    expect(opened()).toEqual(['/c.flowgate.json']);
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
  });

  it('keeps files for the next window when the window has closed', () => {
    router.attach(win as unknown as BrowserWindow);
    win.webContents.finishLoad('file:///app/index.html');
    win.close();
    router.open('/d.flowgate.json');
    const next = new FakeBrowserWindow({});
    router.attach(next as unknown as BrowserWindow);
    next.webContents.finishLoad('file:///app/index.html');
    expect(next.webContents.sent).toEqual([[OPEN_FILE, '/d.flowgate.json']]);
  });
});
