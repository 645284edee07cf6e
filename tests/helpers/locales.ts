/** Every key of a locale file (or a part of one) as a dotted path to its text, e.g. "audit.actions.auth.sign_in". */
export function keyPaths(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object") return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}
