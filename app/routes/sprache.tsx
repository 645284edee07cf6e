import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setPreferredLanguage } from "#app/modules/auth/auth.server";
import { safeRedirect } from "#app/modules/auth/schema";
import { getAuth } from "#app/modules/auth/session.server";
import { getDb } from "#db/client.server";
import { isLanguage } from "#app/modules/i18n/config";
import { localeCookie } from "#app/modules/i18n/i18next.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  const to = safeRedirect(String(form.get("redirectTo") ?? "/"));
  if (!isLanguage(lng)) return redirect(to);
  // Signed in, the choice is kept with the account as well (it follows the person to other browsers).
  const auth = await getAuth(request);
  if (auth) await setPreferredLanguage(getDb(), auth.user.id, lng);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}
