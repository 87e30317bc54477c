import { BrowserWindow, dialog } from 'electron';

/** The system's folder picker, over the focused window: the path chosen, or null when cancelled. */
export async function pickBatchFolder(): Promise<string | null> {
  const options: Electron.OpenDialogOptions = { title: 'Choose a batch folder', buttonLabel: 'Choose', properties: ['openDirectory'] };
  const parent = BrowserWindow.getFocusedWindow();
  const picked = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return picked.canceled ? null : (picked.filePaths[0] ?? null);
}
