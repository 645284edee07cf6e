import { createRequire } from "node:module";

// Remix hands each loader its own copy of the page's Request, made to strip the parameters `index`
// and `_routes` from its address (`callRouteLoader` in @remix-run/server-runtime's data.js), even
// when the address has no query at all. Each copy is a full undici Request: its address parsed
// again, its headers copied, an AbortController and signal of its own following the page's signal,
// a FinalizationRegistry entry and a WeakRef: two per loader, four for the requirement list (root and
// page). In a CPU profile of the list under load, undici's Request took 6 % of a serving thread.
// Worse, V8 carries such signals (Node makes them with Object.setPrototypeOf) and what their listeners
// reach through its young-generation collections into the old generation, which it must then mark
// and compact (README, Performance).
//
// For an address without a query there is nothing to strip (and nothing to re-encode: URLSearchParams
// would rewrite a query it touches), so the loader gets the page's Request itself: the same address,
// headers, method and signal. Any other request goes through Remix's own function unchanged.

type LoaderArgs = {
  loadContext: unknown;
  loader: (args: { request: Request; context: unknown; params: unknown }) => unknown;
  params: unknown;
  request: Request;
  routeId: string;
  singleFetch: boolean;
};
type CallRouteLoader = ((args: LoaderArgs) => Promise<unknown>) & { original?: CallRouteLoader };
type Responses = {
  isDeferredData: (value: unknown) => value is { init?: ResponseInit & { headers?: HeadersInit } };
  isRedirectStatusCode: (status: number) => boolean;
  redirect: (url: string, init?: ResponseInit) => Response;
};

/** Remix's `callRouteLoader`, calling the loader with the page's own Request where nothing is stripped. */
export function withoutNeedlessCopies(original: CallRouteLoader, responses: Responses): CallRouteLoader {
  const call = async (args: LoaderArgs) => {
    if (!args.singleFetch || args.request.url.includes("?")) return original(args);
    const result = await args.loader({ request: args.request, context: args.loadContext, params: args.params });
    // What Remix does with a loader's result under single fetch (data.js, callRouteLoader).
    if (result === undefined) {
      throw new Error(`You defined a loader for route "${args.routeId}" but didn't return ` + `anything from your \`loader\` function. Please return a value or \`null\`.`);
    }
    if (responses.isDeferredData(result) && result.init && responses.isRedirectStatusCode(result.init.status || 200)) {
      return responses.redirect(new Headers(result.init.headers).get("Location")!, result.init);
    }
    return result;
  };
  return Object.assign(call, { original });
}

/**
 * Makes Remix's server runtime call loaders through `withoutNeedlessCopies` (its route table calls
 * `callRouteLoader` on the module it required, at each call). Returns false when Remix's data module
 * is not where it is expected.
 */
export function installLeanLoaderRequests(): boolean {
  const fromRemix = createRequire(createRequire(import.meta.url).resolve("@remix-run/server-runtime"));
  const data = fromRemix("./data.js") as { callRouteLoader?: CallRouteLoader };
  const responses = fromRemix("./responses.js") as Partial<Responses>;
  if (typeof data.callRouteLoader !== "function" || typeof responses.isDeferredData !== "function") return false;
  // Installed already when the function Remix calls is ours (it keeps Remix's own as `original`).
  if (!data.callRouteLoader.original) data.callRouteLoader = withoutNeedlessCopies(data.callRouteLoader, responses as Responses);
  return true;
}
