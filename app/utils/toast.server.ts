import { createCookie, redirect } from "@remix-run/node";
import { z } from "zod";

export const toastSchema = z.object({
  type: z.enum(["success", "info", "error"]),
  messageKey: z.string().max(200),
  values: z.record(z.string().max(500)).optional(),
  /** The field an error belongs to, for a page that shows it there as well (e.g. "files"). */
  field: z.string().max(50).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

const toastCookie = createCookie("toast", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 });

export async function redirectWithToast(url: string, toast: Toast, init?: ResponseInit): Promise<Response> {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await toastCookie.serialize(toast));
  return redirect(url, { ...init, headers });
}

/** Reads and clears the one-shot toast set by the previous action. */
export async function readToast(request: Request): Promise<{ toast: Toast | null; setCookie: string | null }> {
  const raw = await toastCookie.parse(request.headers.get("Cookie"));
  if (!raw) return { toast: null, setCookie: null };
  const parsed = toastSchema.safeParse(raw);
  return { toast: parsed.success ? parsed.data : null, setCookie: await toastCookie.serialize("", { maxAge: 0 }) };
}
