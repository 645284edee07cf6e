import { type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { queryId } from "#app/utils/ids";
import { getDb } from "#db/client.server";
import { requirePermission } from "#app/modules/auth/guard.server";
import { findSimilarRequirements } from "#app/modules/bundling/similar.server";
import { enforceRateLimit } from "#app/utils/rate-limit.server";
import { SIMILAR_EXCERPT } from "#app/components/requirements/SimilarRequirements";

// Only the start of a long text is read (as the form sends it), so a hand-made long URL costs no more.
const excerpt = (max: number) =>
  z
    .string()
    .catch("")
    .transform((v) => v.slice(0, max));

const querySchema = z.object({
  title: excerpt(SIMILAR_EXCERPT.title),
  description: excerpt(SIMILAR_EXCERPT.description),
  themenfeld: z.string().max(100).catch(""),
  exclude: queryId(),
});

/** Similar requirements while typing a new one (resource route for the form's live panel). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  enforceRateLimit("suggest", actor.userId);
  const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const items = await findSimilarRequirements(getDb(), actor, {
    title: q.title,
    description: q.description,
    themenfeld: q.themenfeld || null,
    excludeId: q.exclude,
  });
  return Response.json({ items });
}
