/**
 * The CSP of every page: scripts need this response's nonce (no 'unsafe-inline' for scripts).
 * The other headers, and no-store for signed-in users, are set by the Express server for all responses.
 */
export function securityHeaders(headers: Headers, nonce: string | null) {
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
}
