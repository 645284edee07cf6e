import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "#app/modules/auth/schema";
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
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}
