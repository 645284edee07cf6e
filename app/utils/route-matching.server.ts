import { createRequire } from "node:module";

// React Router's matchRoutes flattens and ranks the whole route tree and compiles a regular
// expression per route on every call, and Remix calls it several times per page (server matching,
// the partial manifest for each parent path, rendering): about 2 ms of every request here. The
// result depends only on the tree's shape and the path, so it can be remembered.

interface RouteLike {
  id?: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  children?: RouteLike[];
}
interface Match {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: RouteLike;
}
type Location = string | { pathname?: string };
export type MatchRoutes = (routes: RouteLike[], location: Location, basename?: string) => Match[] | null;

interface RememberedMatch {
  id: string;
  pathname: string;
  pathnameBase: string;
}
interface Remembered {
  params: Record<string, string | undefined>;
  matches: RememberedMatch[];
}

const RESULTS_PER_TREE = 2_000;

interface Tree {
  shape: string;
  byId: Map<string, RouteLike>;
}

/** Everything matchRoutes looks at (ids, paths, index flags, case sensitivity, nesting); null without ids. */
function describe(routes: RouteLike[]): Tree | null {
  const parts: string[] = [];
  const byId = new Map<string, RouteLike>();
  const walk = (list: RouteLike[]): boolean => {
    for (const route of list) {
      if (typeof route.id !== "string" || byId.has(route.id)) return false;
      byId.set(route.id, route);
      parts.push(`${route.id}\u0001${route.path ?? "\u0002"}\u0001${route.index ? 1 : 0}${route.caseSensitive ? 1 : 0}(`);
      if (route.children && !walk(route.children)) return false;
      parts.push(")");
    }
    return true;
  };
  return walk(routes) ? { shape: parts.join(""), byId } : null;
}

/**
 * Wraps matchRoutes so the same tree shape and path give the remembered answer: fresh match objects
 * with the current tree's own route objects (Remix builds new route objects for every render), one
 * shared params object as the original gives. Trees without unique ids go to the original.
 */
export function rememberingMatchRoutes(original: MatchRoutes): MatchRoutes & { original: MatchRoutes } {
  const trees = new WeakMap<RouteLike[], Tree | null>();
  const results = new Map<string, Map<string, Remembered | null>>();
  const remembering = (routes: RouteLike[], location: Location, basename?: string) => {
    let tree = trees.get(routes);
    if (tree === undefined) {
      tree = describe(routes);
      trees.set(routes, tree);
    }
    if (!tree) return original(routes, location, basename);
    const path = typeof location === "string" ? location : location.pathname;
    if (typeof path !== "string") return original(routes, location, basename);
    let byPath = results.get(tree.shape);
    if (!byPath) {
      byPath = new Map();
      results.set(tree.shape, byPath);
    }
    // A string is parsed (search and hash dropped); a location object's pathname is taken as it is.
    const key = `${typeof location === "string" ? "s" : "o"}${basename ?? "/"}\u0000${path}`;
    let remembered = byPath.get(key);
    if (remembered === undefined) {
      const matches = original(routes, location, basename);
      remembered = matches && {
        params: { ...(matches[0]?.params ?? {}) },
        matches: matches.map((m) => ({ id: m.route.id!, pathname: m.pathname, pathnameBase: m.pathnameBase })),
      };
      if (byPath.size >= RESULTS_PER_TREE) byPath.clear();
      byPath.set(key, remembered);
      return matches;
    }
    if (remembered === null) return null;
    const params = { ...remembered.params };
    const byId = tree.byId;
    return remembered.matches.map((m) => ({ params, pathname: m.pathname, pathnameBase: m.pathnameBase, route: byId.get(m.id)! }));
  };
  return Object.assign(remembering, { original });
}

const ROUTER_FILE = /[\\/]@remix-run[\\/]router[\\/]dist[\\/]router\.cjs\.js$/;
const OWN_DEFINITION = "function matchRoutes(routes, locationArg, basename) {";
const OWN_EXPORT = "exports.matchRoutes = matchRoutes;";

/**
 * The router's own source with its internal calls of matchRoutes (the static handler's `query`, which
 * Remix runs for every page) sent through its exported matchRoutes, which rememberRouteMatches
 * replaces; `null` when the source does not have the expected shape (another router version).
 */
export function routeOwnCallsThroughExport(source: string): string | null {
  if (source.split(OWN_DEFINITION).length !== 2 || source.split(OWN_EXPORT).length !== 2) return null;
  return source
    .replace(
      OWN_DEFINITION,
      "function matchRoutes(routes, locationArg, basename) {\n  return exports.matchRoutes(routes, locationArg, basename);\n}\nfunction matchRoutesOwn(routes, locationArg, basename) {",
    )
    .replace(OWN_EXPORT, "exports.matchRoutes = matchRoutesOwn;");
}

let hooked = false;

/**
 * Makes the router, when it is loaded, send its own matching through its exported matchRoutes (see
 * routeOwnCallsThroughExport). Must run before anything loads @remix-run/router: the production server
 * calls it first thing (scripts/server.ts). Without it only Remix's calls from outside the router
 * are remembered.
 */
export function hookRouterMatching(): void {
  if (hooked) return;
  hooked = true;
  const Module = createRequire(import.meta.url)("node:module") as { prototype: { _compile(content: string, filename: string): unknown } };
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content: string, filename: string) {
    if (ROUTER_FILE.test(filename)) {
      const routed = routeOwnCallsThroughExport(content);
      if (routed) return compile.call(this, routed, filename);
      console.warn("@remix-run/router: unbekannte Fassung, die Routenzuordnung des Routers wird nicht gemerkt.");
    }
    return compile.call(this, content, filename);
  };
}

/** Whether the loaded router sends its own matching through its export (hookRouterMatching ran in time). */
export function routerOwnMatchingRouted(): boolean {
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes & { original?: MatchRoutes } };
  return (router.matchRoutes.original ?? router.matchRoutes).name === "matchRoutesOwn";
}

let installed = false;

/** Installs the remembering matchRoutes for every user of @remix-run/router in this process. */
export function rememberRouteMatches(): void {
  if (installed) return;
  installed = true;
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = rememberingMatchRoutes(router.matchRoutes);
}
