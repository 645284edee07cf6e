import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { MAX_ID } from "#app/utils/ids";
import { getDb } from "#db/client.server";
import { formatDate } from "#app/components/requirements/StatusBadge";
import { requirePermission } from "#app/modules/auth/guard.server";
import { noticeText } from "#app/modules/notifications/notices";
import { listNotifications, markRead } from "#app/modules/notifications/notifications.server";
import { redirectWithToast } from "#app/utils/toast.server";

export const handle = { title: "requirements:notifications.title" };

const actionSchema = z.object({ id: z.coerce.number().int().positive().max(MAX_ID).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requirePermission(request, "view:notifications");
  return { items: await listNotifications(getDb(), user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requirePermission(request, "view:notifications");
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  // An unusable id marks nothing, not everything.
  if (parsed.success) await markRead(getDb(), user.id, parsed.data.id);
  return redirectWithToast("/benachrichtigungen", { type: "success", messageKey: "requirements:detail.done" });
}

export default function NotificationsPage() {
  const { items } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("requirements");
  const unread = items.filter((n) => !n.read_at).length;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("notifications.title")}</Title>
        {unread > 0 && (
          <Form method="post">
            <Button type="submit" variant="default">
              {t("notifications.markAllRead")}
            </Button>
          </Form>
        )}
      </Group>
      {items.length === 0 ? (
        <Text>{t("notifications.empty")}</Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {items.map((n) => (
            <Card key={n.id} withBorder padding="sm" component="li">
              <Group justify="space-between">
                <Stack gap={2}>
                  <Group gap="xs">
                    {!n.read_at && (
                      <Badge size="xs" color="blue">
                        {t("notifications.unread")}
                      </Badge>
                    )}
                    <Text size="xs">{formatDate(n.created_at, i18n.language, true)}</Text>
                  </Group>
                  {/* Through the small route that marks the notice read, then goes on to n.link (a resource route: a document request). */}
                  <Anchor component={Link} to={`/benachrichtigungen/${n.id}/oeffnen`} reloadDocument>
                    {noticeText(t, n)}
                  </Anchor>
                </Stack>
                {!n.read_at && (
                  <Form method="post">
                    <input type="hidden" name="id" value={n.id} />
                    <Button type="submit" size="compact-sm" variant="subtle">
                      {t("notifications.markRead")}
                    </Button>
                  </Form>
                )}
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
