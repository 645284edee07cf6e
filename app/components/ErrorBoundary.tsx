import { Alert, Anchor, Stack, Text, Title } from "@mantine/core";
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The heading of the error page: the same words name the page in the browser tab (app/root.tsx). */
export function errorTitleKey(error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return `errors.title.${status === 404 || status === 403 ? status : "other"}`;
}

/** Shows the user message of an AppError response; for unexpected errors only an error id, never a stack. */
export function GeneralErrorBoundary({ requestId = null }: { requestId?: string | null }) {
  const error = useRouteError();
  const { t } = useTranslation();
  let status = 500;
  let messageKey = "errors.unexpected";
  let errorId: string | null = requestId;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const payload = error.data as { messageKey?: string; errorId?: string } | string | null;
    if (payload && typeof payload === "object" && payload.messageKey) messageKey = payload.messageKey;
    else if (status === 404) messageKey = "errors.notFound";
    else if (status === 403) messageKey = "errors.forbidden";
    else if (status === 413) messageKey = "errors.tooLarge";
    else if (status === 429) messageKey = "errors.tooMany";
    if (payload && typeof payload === "object" && payload.errorId) errorId = payload.errorId;
  }
  return (
    <Stack maw={640}>
      <Title order={1}>{t(errorTitleKey(error))}</Title>
      <Alert color={status >= 500 ? "red" : "orange"} role="alert">
        <Text>{t(messageKey)}</Text>
        {errorId && status >= 500 && <Text size="sm">{t("errors.errorId", { id: errorId })}</Text>}
      </Alert>
      <Anchor component={Link} to="/">
        {t("errors.backHome")}
      </Anchor>
    </Stack>
  );
}
