import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { RequirementFilterLine, RequirementFilters, RequirementTable } from "#app/components/requirements/RequirementList";
import { requirePermission } from "#app/modules/auth/guard.server";
import { requireAuth } from "#app/modules/auth/session.server";
import { listRequirements } from "#app/modules/requirements/queries.server";
import { readListFilter } from "#app/modules/requirements/schema";

export const handle = { title: "requirements:list.ownTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  const { user } = await requirePermission(request, "create:requirement", { organisationId: actor.organisationId });
  const { filter, unusable } = readListFilter(new URL(request.url).searchParams);
  const result = await listRequirements(getDb(), actor, filter, "own");
  return { ...result, unusable, organisationName: user.organisationName };
}

export default function OwnRequirementsPage() {
  const { items, total, page, pageSize, search, unusable, organisationName } = useLoaderData<typeof loader>();
  const { t } = useTranslation("requirements");
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t("list.ownTitle")}</Title>
        <Button component={Link} to="/anforderungen/neu" className="no-print">
          {t("nav.new")}
        </Button>
      </Group>
      <RequirementFilterLine total={total} page={page} pageSize={pageSize} search={search} />
      <Text>{t("list.ownIntro", { organisation: organisationName })}</Text>
      {/* Co-signed requirements are other members' filings: the full list, narrowed to them. */}
      <Anchor component={Link} to="/anforderungen?cosigned=own" className="no-print">
        {t("list.ownCosigned")}
      </Anchor>
      <RequirementFilters organisations={[]} districts={[]} showOrganisation={false} drafts search={search} unusable={unusable} />
      <RequirementTable items={items} total={total} page={page} pageSize={pageSize} showOrganisation={false} />
    </Stack>
  );
}
