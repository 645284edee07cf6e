import { type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { PlainStack, PlainText, PlainTitle } from "#app/components/plain/layout";
import { RequirementFilterLine, RequirementFilters, RequirementTable } from "#app/components/requirements/RequirementList";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import { listDistricts, listOrganisationOptions, listRequirements } from "#app/modules/requirements/queries.server";
import { readListFilter } from "#app/modules/requirements/schema";
import { enforceRateLimit } from "#app/utils/rate-limit.server";

export const handle = { title: "requirements:list.allTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const db = getDb();
  const { filter, unusable } = readListFilter(new URL(request.url).searchParams);
  if (filter.q) enforceRateLimit("search", actor.userId);
  const [result, organisations, districts] = await Promise.all([
    listRequirements(db, actor, filter, "all"),
    listOrganisationOptions(db),
    listDistricts(db),
  ]);
  return { ...result, unusable, organisations, districts, cosign: can(actor, "cosign:requirement") };
}

export default function AllRequirementsPage() {
  const { items, total, page, pageSize, search, unusable, organisations, districts, cosign } = useLoaderData<typeof loader>();
  const { t } = useTranslation("requirements");
  return (
    <PlainStack>
      <PlainTitle order={1}>{t("list.allTitle")}</PlainTitle>
      <RequirementFilterLine total={total} page={page} pageSize={pageSize} search={search} organisations={organisations} districts={districts} />
      <PlainText>{t("list.allIntro")}</PlainText>
      <RequirementFilters organisations={organisations} districts={districts} showOrganisation drafts={false} cosign={cosign} search={search} unusable={unusable} />
      <RequirementTable items={items} total={total} page={page} pageSize={pageSize} />
    </PlainStack>
  );
}
