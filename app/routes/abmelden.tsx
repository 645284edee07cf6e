import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { signOut } from "#app/modules/auth/auth.server";
import { clearSessionCookie, getAuth } from "#app/modules/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await getAuth(request);
  if (auth) await signOut(getDb(), auth.sessionId, auth.user.id);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(request) } });
}
