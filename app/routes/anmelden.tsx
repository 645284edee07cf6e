import { Card, Stack, Text, Title } from "@mantine/core";
import { isLanguage } from "#app/modules/i18n/config";
import { localeCookie } from "#app/modules/i18n/i18next.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { SignInForm } from "#app/components/SignInForm";
import { signIn } from "#app/modules/auth/auth.server";
import { safeRedirect, signInSchema } from "#app/modules/auth/schema";
import { getAuth, sessionCookie } from "#app/modules/auth/session.server";
import { AppError } from "#app/utils/errors.server";
import { clientAddress, invalidReply, parseForm } from "#app/utils/forms.server";

export const handle = { title: "auth:signIn.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  if (await getAuth(request)) throw redirect(redirectTo || "/");
  return { redirectTo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { submission } = await parseForm(request, signInSchema);
  if (submission.status !== "success") return invalidReply(submission);
  try {
    const { token, expiresAt, locale } = await signIn(getDb(), {
      email: submission.value.email,
      password: submission.value.password,
      clientAddress: clientAddress(context),
    });
    const headers = new Headers({ "Set-Cookie": sessionCookie(request, token, expiresAt) });
    // The language chosen last, on whatever device, is this browser's from now on too.
    if (isLanguage(locale)) headers.append("Set-Cookie", await localeCookie.serialize(locale));
    return redirect(safeRedirect(submission.value.redirectTo), { headers });
  } catch (error) {
    if (error instanceof AppError) {
      return data(submission.reply({ formErrors: [error.messageKey], hideFields: ["password"] }), { status: error.status });
    }
    throw error;
  }
}

export default function SignInPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  return (
    <Stack maw={420} mx="auto" mt="xl">
      <Title order={1}>{t("signIn.title")}</Title>
      {redirectTo && <Text c="dimmed">{t("signIn.needed")}</Text>}
      <Card withBorder padding="lg">
        <SignInForm lastResult={lastResult} redirectTo={redirectTo || undefined} />
      </Card>
    </Stack>
  );
}
