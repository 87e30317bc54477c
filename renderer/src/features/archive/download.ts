/**
 * Saves text the main process produced as a file, the browser way: a Blob and a download link. In browser mode
 * the browser saves it; in Electron the default download handling asks where. The renderer never writes to disk.
 */
export function saveTextFile(file: { readonly fileName: string; readonly mimeType: string; readonly text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel a large download that has not finished reading the blob; a minute is plenty.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
