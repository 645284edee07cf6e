import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import fs from "node:fs";
import Module from "node:module";
import path from "node:path";
import { rememberingMatchRoutes, rememberRouteMatches, routeOwnCallsThroughExport, type MatchRoutes } from "#app/utils/route-matching.server";

const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
const original = router.matchRoutes;

type R = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: R[] };

/** A tree shaped like the app's: a root with index, nested, dynamic, optional, splat and layout routes. */
function tree(): R[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        { id: "routes/anforderungen._index", path: "anforderungen", index: true },
        { id: "routes/anforderungen.neu", path: "anforderungen/neu" },
        { id: "routes/anforderungen.$id._index", path: "anforderungen/:id", index: true },
        { id: "routes/anforderungen.$id.anhaenge.$attachmentId", path: "anforderungen/:id/anhaenge/:attachmentId" },
        {
          id: "routes/verwaltung",
          path: "verwaltung",
          children: [
            { id: "routes/verwaltung._index", index: true },
            { id: "routes/verwaltung.benutzer.$id", path: "benutzer/:id" },
          ],
        },
        { id: "routes/cockpit.daten[.]csv", path: "cockpit/daten.csv" },
        { id: "routes/sprache", path: "sprache/:lang?" },
        { id: "routes/Gross", path: "Gross", caseSensitive: true },
        { id: "routes/$", path: "*" },
      ],
    },
  ];
}

const PATHS = [
  "/",
  "/anforderungen",
  "/anforderungen/",
  "/anforderungen/neu",
  "/anforderungen/20154",
  "/anforderungen/20154/anhaenge/7",
  "/anforderungen/%C3%BCber",
  "/verwaltung",
  "/verwaltung/benutzer/3",
  "/cockpit/daten.csv",
  "/sprache",
  "/sprache/en",
  "/Gross",
  "/gross",
  "/gibt/es/nicht",
  "/anforderungen?q=Hund#treffer",
];

/** What a match says, with the route by id (route objects differ between trees). */
const plain = (matches: ReturnType<MatchRoutes>) => matches && matches.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, pathnameBase: m.pathnameBase }));

describe("remembered route matching", () => {
  it("answers exactly like React Router for every path, first and again, with or without a basename", () => {
    const remembering = rememberingMatchRoutes(original);
    const routes = tree();
    for (const basename of [undefined, "/", "/portal"]) {
      for (const p of [...PATHS, ...PATHS.map((x) => `/portal${x}`)]) {
        const expected = plain(original(routes, p, basename));
        expect(plain(remembering(routes, p, basename)), `${basename} ${p}`).toEqual(expected);
        expect(plain(remembering(routes, p, basename)), `${basename} ${p} again`).toEqual(expected);
        expect(plain(remembering(routes, { pathname: p }, basename)), `${basename} ${p} as location`).toEqual(plain(original(routes, { pathname: p }, basename)));
      }
    }
  });

  it("gives the current tree's own route objects and fresh params for a new tree of the same shape", () => {
    const remembering = rememberingMatchRoutes(original);
    remembering(tree(), "/verwaltung/benutzer/3");
    const fresh = tree();
    const matches = remembering(fresh, "/verwaltung/benutzer/3")!;
    expect(matches.map((m) => m.route)).toEqual([fresh[0], fresh[0].children![5], fresh[0].children![5].children![1]]);
    expect(matches[2].route).toBe(fresh[0].children![5].children![1]);
    // One params object for all matches, as the original gives; changing it changes no later answer.
    expect(matches[0].params).toBe(matches[2].params);
    matches[2].params.id = "99";
    expect(remembering(fresh, "/verwaltung/benutzer/3")![2].params).toEqual({ id: "3" });
  });

  it("keeps trees of different shape apart and leaves trees without ids to the original", () => {
    const remembering = rememberingMatchRoutes(original);
    const routes = tree();
    expect(remembering(routes, "/anforderungen/neu")![1].route.id).toBe("routes/anforderungen.neu");
    const moved = tree();
    moved[0].children![2].path = "anforderungen/erfassen";
    expect(remembering(moved, "/anforderungen/neu")![1].route.id).toBe("routes/anforderungen.$id._index");
    expect(remembering(moved, "/anforderungen/erfassen")![1].route.id).toBe("routes/anforderungen.neu");
    let calls = 0;
    const counting: MatchRoutes = (...args) => (calls++, original(...args));
    const withoutIds = rememberingMatchRoutes(counting);
    const anonymous: R[] = [{ path: "/", children: [{ path: "a" }] }];
    withoutIds(anonymous, "/a");
    withoutIds(anonymous, "/a");
    expect(calls).toBe(2);
  });

  it("is installed for every user of @remix-run/router in the process", () => {
    rememberRouteMatches();
    const installed = router.matchRoutes;
    expect(installed).not.toBe(original);
    rememberRouteMatches();
    expect(router.matchRoutes).toBe(installed);
    const routes = tree();
    expect(plain(router.matchRoutes(routes, "/anforderungen/5"))).toEqual(plain(original(routes, "/anforderungen/5")));
    router.matchRoutes = original;
  });

  describe("the router's own matching", () => {
    const file = createRequire(import.meta.url).resolve("@remix-run/router");
    const source = fs.readFileSync(file, "utf8");

    /** A fresh copy of the router module, compiled from the given source. */
    function load(text: string) {
      const m = new Module(file) as Module & { _compile(content: string, filename: string): void };
      m.filename = file;
      m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
      m._compile(text, file);
      return m.exports as {
        matchRoutes: MatchRoutes;
        createStaticHandler(routes: R[]): { query(request: Request): Promise<unknown> };
      };
    }

    it("finds its anchors in the installed router (an upgrade that moves them fails here, not silently)", () => {
      expect(routeOwnCallsThroughExport(source)).not.toBeNull();
      expect(routeOwnCallsThroughExport("exports.matchRoutes = matchRoutes;")).toBeNull();
    });

    it("sends the static handler's matching, which Remix runs for every page, through the exported function", async () => {
      const routed = load(routeOwnCallsThroughExport(source)!);
      const own = routed.matchRoutes;
      const seen: string[] = [];
      routed.matchRoutes = (routes, location, basename) => {
        seen.push(typeof location === "string" ? location : location.pathname!);
        return own(routes, location, basename);
      };
      const handler = routed.createStaticHandler([{ id: "root", path: "/", children: [{ id: "a", path: "anforderungen/:id", loader: () => "x" } as R] }]);
      const context = (await handler.query(new Request("http://localhost/anforderungen/7"))) as { matches: { route: { id: string } }[] };
      expect(seen).toEqual(["/anforderungen/7"]);
      expect(context.matches.map((m) => m.route.id)).toEqual(["root", "a"]);
      // Unpatched, the same call never reaches the export.
      const plainRouter = load(source);
      const plainOwn = plainRouter.matchRoutes;
      let calls = 0;
      plainRouter.matchRoutes = (...args) => (calls++, plainOwn(...args));
      await plainRouter.createStaticHandler([{ id: "root", path: "/" }]).query(new Request("http://localhost/"));
      expect(calls).toBe(0);
    });
  });
});
