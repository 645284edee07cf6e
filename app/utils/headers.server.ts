import { SESSION_COOKIE } from "#app/modules/auth/session.server";

/**
 * Security headers for every page: a CSP whose scripts need this response's nonce (no
 * 'unsafe-inline' for scripts), and no caching of anything a signed-in user sees.
 */
export function securityHeaders(request: Request, headers: Headers, nonce: string | null) {
  if (nonce !== null) {
    headers.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        // Mantine sets style attributes; styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ].join("; "),
    );
  }
  const signedIn = (request.headers.get("Cookie") ?? "").includes(`${SESSION_COOKIE}=`);
  if (signedIn) headers.set("Cache-Control", "no-store");
}
