import { type LoaderFunctionArgs } from "@remix-run/node";
import { eventStream } from "remix-utils/sse/server";
import { getDb } from "#db/client.server";
import { requireAuth } from "#app/modules/auth/session.server";
import { followWorkshop, startFollowing } from "#app/modules/workshops/workshops.server";
import { orRespond } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import { resourceLoader } from "#app/utils/resource.server";

// Server-sent events of one workshop: small messages (kind and ids); the page re-reads its data.
const KEEPALIVE_MS = 25_000;

export const loader = resourceLoader(async ({ request, params }: LoaderFunctionArgs) => {
  const { actor } = await requireAuth(request);
  const id = idParam(params.id);
  await orRespond(startFollowing(getDb(), actor, id));
  return eventStream(request.signal, (send) => {
    const stop = followWorkshop(id, actor.userId, (event) => send({ event: "workshop", data: JSON.stringify(event) }));
    // A comment-like ping keeps proxies from closing an idle stream.
    const keepAlive = setInterval(() => send({ event: "ping", data: "" }), KEEPALIVE_MS);
    keepAlive.unref();
    return () => {
      clearInterval(keepAlive);
      stop();
    };
  });
});
