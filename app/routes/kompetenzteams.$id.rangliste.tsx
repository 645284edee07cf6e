import { Anchor, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { CandidateBadge, useNumber } from "#app/components/workshops/WorkshopBits";
import { requirePermission } from "#app/modules/auth/guard.server";
import { navigationFor } from "#app/modules/auth/navigation";
import { getRankedList, workshopsListOffersTeam } from "#app/modules/workshops/workshops.server";
import { orRespond } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import type { RouteHandle } from "#app/utils/title";
import { ScrollTable } from "#app/components/ScrollTable";

export const handle: RouteHandle & { i18n: string[] } = {
  title: (d, t) => t("workshops:ranking.title", { team: (d as { team?: { name: string } } | undefined)?.team?.name ?? "" }),
  i18n: ["workshops", "bundling"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const teamId = idParam(params.id);
  const list = await orRespond(getRankedList(getDb(), actor, teamId));
  // Back to where the list is reached from: „Meine Workshops“ for those whose menu has it and whose
  // list there offers this team; the candidates for everyone else.
  const fromWorkshops = navigationFor(actor).some((i) => i.to === "/workshops") && workshopsListOffersTeam(actor, teamId);
  return { ...list, backTo: fromWorkshops ? "/workshops" : "/kandidaten" };
}

export default function RankingPage() {
  const { team, prioritised, deferred, backTo } = useLoaderData<typeof loader>();
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  const num = useNumber();
  return (
    <Stack gap="md">
      <Anchor component={Link} to={backTo} className="no-print">
        {t(backTo === "/workshops" ? "ranking.back" : "ranking.backToCandidates")}
      </Anchor>
      <Title order={1}>{t("ranking.title", { team: team.name })}</Title>
      <Text>{t("ranking.intro")}</Text>
      {prioritised.length === 0 ? (
        <Text>{t("ranking.none")}</Text>
      ) : (
        <ScrollTable minWidth={720}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t("ranking.caption", { count: prioritised.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("ranking.place")}</Table.Th>
                <Table.Th scope="col">{t("ranking.candidate")}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: "right" }}>
                  {t("ranking.total")}
                </Table.Th>
                <Table.Th scope="col">{t("ranking.rationale")}</Table.Th>
                <Table.Th scope="col">{t("ranking.workshop")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {prioritised.map((r) => (
                <Table.Tr key={r.candidateId}>
                  <Table.Td>
                    {r.place}
                    {r.rank !== r.place && (
                      <Text span size="xs" display="block">
                        {t(r.sharedRank ? "ranking.sharedRank" : "ranking.decidedRank", { rank: r.rank })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/kandidaten/${r.candidateId}`}>
                      {r.candidateTitle}
                    </Anchor>{" "}
                    <CandidateBadge status={r.candidateStatus} />
                  </Table.Th>
                  <Table.Td style={{ textAlign: "right" }}>{num(r.weightedTotal)}</Table.Td>
                  <Table.Td>{r.rationale}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/workshops/${r.workshopId}/protokoll`}>
                      {r.workshopTitle}
                    </Anchor>
                    {r.decidedAt ? ` (${fmt.date(r.decidedAt)})` : ""}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {deferred.length > 0 && (
        <ScrollTable minWidth={640}>
          <Table withTableBorder striped captionSide="top">
            <Table.Caption>{t("ranking.deferredCaption", { count: deferred.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("ranking.candidate")}</Table.Th>
                <Table.Th scope="col">{t("ranking.until")}</Table.Th>
                <Table.Th scope="col">{t("ranking.rationale")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deferred.map((r) => (
                <Table.Tr key={r.candidateId}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={`/kandidaten/${r.candidateId}`}>
                      {r.candidateTitle}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{r.deferredUntil ? fmt.date(r.deferredUntil) : "–"}</Table.Td>
                  <Table.Td>{r.rationale}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
