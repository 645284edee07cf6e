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
  const { t, i18n } = useTranslation();
  let status = 500;
  let messageKey = "errors.unexpected";
  let errorId: string | null = requestId;
  let allowedRoles: string[] = [];
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const payload = error.data as { messageKey?: string; errorId?: string; details?: { allowedRoles?: string[] } } | string | null;
    if (payload && typeof payload === "object" && payload.messageKey) messageKey = payload.messageKey;
    else if (status === 404) messageKey = "errors.notFound";
    else if (status === 403) messageKey = "errors.forbidden";
    else if (status === 413) messageKey = "errors.tooLarge";
    else if (status === 429) messageKey = "errors.tooMany";
    if (payload && typeof payload === "object" && payload.errorId) errorId = payload.errorId;
    // A refusal names the roles that may use the page or step (app/modules/auth/guard.server.ts).
    if (status === 403 && payload && typeof payload === "object" && Array.isArray(payload.details?.allowedRoles)) allowedRoles = payload.details.allowedRoles;
  }
  return (
    <Stack maw={640}>
      <Title order={1}>{t(errorTitleKey(error))}</Title>
      <Alert color={status >= 500 ? "red" : "orange"} role="alert">
        <Text>{t(messageKey)}</Text>
        {allowedRoles.length > 0 && (
          <Text data-testid="allowed-roles" mt="xs">
            {t("errors.forbiddenRoles", {
              roles: new Intl.ListFormat(i18n.language === "en" ? "en-GB" : "de-DE", { type: "conjunction" }).format(allowedRoles.map((r) => t(`roles.${r}`))),
            })}
          </Text>
        )}
        {errorId && status >= 500 && <Text size="sm">{t("errors.errorId", { id: errorId })}</Text>}
      </Alert>
      <Anchor component={Link} to="/">
        {t("errors.backHome")}
      </Anchor>
    </Stack>
  );
}
