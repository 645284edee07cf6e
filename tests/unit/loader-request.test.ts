import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { installLeanLoaderRequests, withoutNeedlessCopies } from "#app/utils/loader-request.server";

const fromRemix = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
type CallRouteLoader = (args: Record<string, unknown>) => Promise<unknown>;
const data = fromRemix("./data.js") as { callRouteLoader: CallRouteLoader & { original?: CallRouteLoader } };
const responses = fromRemix("./responses.js") as Parameters<typeof withoutNeedlessCopies>[1] & { defer: (data: object, init?: ResponseInit) => unknown };
const routes = fromRemix("./routes.js") as {
  createStaticHandlerDataRoutes: (manifest: object, future: object) => { loader?: (args: { request: Request; params: object; context: unknown }) => Promise<unknown> }[];
};
const remixOwn = data.callRouteLoader.original ?? data.callRouteLoader;
afterEach(() => {
  data.callRouteLoader = remixOwn;
});

/** A loader that reports the request it was given. */
function recording(result: unknown) {
  const got: Request[] = [];
  const loader = ({ request }: { request: Request }) => {
    got.push(request);
    return result;
  };
  return { got, loader };
}
const call = withoutNeedlessCopies(remixOwn as never, responses);
const args = (request: Request, loader: (a: { request: Request }) => unknown, singleFetch = true) => ({ request, loader, params: { id: "7" }, loadContext: { requestId: "r" }, routeId: "routes/x", singleFetch });

describe("loaders get the page's own Request where Remix would copy it for nothing", () => {
  it("an address without a query: the same Request, and the loader's result as it is", async () => {
    const request = new Request("http://localhost/anforderungen/7", { headers: { Cookie: "bundel_session=a" } });
    const { got, loader } = recording({ title: "Hundesteuer" });
    await expect(call(args(request, loader) as never)).resolves.toEqual({ title: "Hundesteuer" });
    expect(got[0]).toBe(request);
  });

  it("an address with a query goes through Remix's own copy: index and _routes stripped, the rest kept", async () => {
    const request = new Request("http://localhost/anforderungen?index&q=Hunde%20steuer&_routes=root");
    const { got, loader } = recording({ ok: true });
    await call(args(request, loader) as never);
    expect(got[0]).not.toBe(request);
    expect(new URL(got[0]!.url).searchParams.get("q")).toBe("Hunde steuer");
    expect(new URL(got[0]!.url).searchParams.has("index")).toBe(false);
    expect(new URL(got[0]!.url).searchParams.has("_routes")).toBe(false);
  });

  it("without single fetch, Remix's own function answers", async () => {
    const request = new Request("http://localhost/anforderungen");
    const { got, loader } = recording({ n: 1 });
    const answer = await call(args(request, loader, false) as never);
    expect(got[0]).not.toBe(request);
    expect(answer).toBeInstanceOf(Response);
  });

  it("refuses a loader that returns nothing, in Remix's words", async () => {
    const { loader } = recording(undefined);
    await expect(call(args(new Request("http://localhost/a"), loader) as never)).rejects.toThrow('You defined a loader for route "routes/x" but didn\'t return anything');
    await expect(remixOwn(args(new Request("http://localhost/a"), loader))).rejects.toThrow('You defined a loader for route "routes/x" but didn\'t return anything');
  });

  it("answers deferred data with a redirect status as Remix does", async () => {
    const { loader } = recording(responses.defer({}, { status: 302, headers: { Location: "/anmelden" } }));
    const ours = (await call(args(new Request("http://localhost/a"), loader) as never)) as Response;
    const theirs = (await remixOwn(args(new Request("http://localhost/a"), loader))) as Response;
    expect([ours.status, ours.headers.get("Location")]).toEqual([theirs.status, theirs.headers.get("Location")]);
    expect(ours.status).toBe(302);
  });

  it("is installed where Remix's route table calls it", async () => {
    expect(installLeanLoaderRequests()).toBe(true);
    expect(data.callRouteLoader).not.toBe(remixOwn);
    const { got, loader } = recording({ ok: true });
    const [route] = routes.createStaticHandlerDataRoutes({ root: { id: "root", path: "", module: { loader } } }, { v3_singleFetch: true });
    const request = new Request("http://localhost/impressum");
    await route!.loader!({ request, params: {}, context: {} });
    expect(got[0]).toBe(request);
    // A second installation keeps the one there (it does not wrap itself).
    const installedOnce = data.callRouteLoader;
    expect(installLeanLoaderRequests()).toBe(true);
    expect(data.callRouteLoader).toBe(installedOnce);
    expect(data.callRouteLoader.original).toBe(remixOwn);
  });
});
