/**
 * Is this frame showing our own page? Compared as parsed URLs, document to document: the renderer
 * navigates by hash (#/review), which must not make it a stranger, while another file, host or
 * scheme must. Never a substring check.
 */
export function isSameDocument(frameUrl: string, pageUrl: string): boolean {
  let frame: URL;
  let page: URL;
  try {
    frame = new URL(frameUrl);
    page = new URL(pageUrl);
  } catch {
    return false;
  }
  return frame.protocol === page.protocol && frame.host === page.host && frame.pathname === page.pathname && !frame.username && !frame.password;
}
