/**
 * Links leave the app only as parsed https URLs without embedded credentials: never by substring
 * checks (`https://evil.example/?x=https://mturk.com` must not pass), never other schemes
 * (file:, javascript:, custom protocol handlers can run programs).
 */
export function parseSafeExternalUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (!url.hostname) return null;
  return url;
}
