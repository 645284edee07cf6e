import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { requireAuth, touchSession } from "#app/modules/auth/session.server";

export async function loader() {
  return redirect("/");
}

/** "Sitzung verlängern": keeps the session alive for another idle period. */
export async function action({ request }: ActionFunctionArgs) {
  const { sessionId } = await requireAuth(request);
  await touchSession(getDb(), sessionId);
  return { extendedAt: Date.now() };
}
