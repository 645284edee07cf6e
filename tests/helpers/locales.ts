/** Every key of a locale file (or a part of one) as a dotted path to its text, e.g. "audit.actions.auth.sign_in". */
export function keyPaths(obj: unknown, prefix = ""): string[] {
  if (obj === null || typeof obj !== "object") return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => keyPaths(v, prefix ? `${prefix}.${k}` : k));
}

/** Every text of a locale file with its dotted key path. */
export function texts(obj: unknown): [string, string][] {
  return keyPaths(obj).map((k) => [k, String(k.split(".").reduce<unknown>((o, part) => (o as Record<string, unknown>)[part], obj))]);
}
