/**
 * Same-origin check for mutations: the Origin header must name this host; without Origin, the
 * browser's Sec-Fetch-Site must say same-origin. Requests that carry neither are refused.
 */
export function isSameOrigin(origin: string | undefined | null, secFetchSite: string | undefined | null, host: string): boolean {
  if (origin) {
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
  return secFetchSite === "same-origin";
}
