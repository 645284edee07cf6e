import { Anchor, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { useMoney } from "#app/components/projects/ProjectBits";
import { ScrollTable } from "#app/components/ScrollTable";
import { requirePermission } from "#app/modules/auth/guard.server";
import { can } from "#app/modules/auth/permissions";
import { requireAuth } from "#app/modules/auth/session.server";
import { resolutionReading } from "#app/modules/projects/approval";
import { listResolutions } from "#app/modules/projects/queries.server";
import { orRespond } from "#app/utils/forms.server";

export const handle = { title: "projects:resolutions.title", i18n: ["projects"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  // Board members vote here; management follows the resolutions it opened. Others get the audited 403.
  if (!can(actor, "vote:board") && !can(actor, "approve:project")) await requirePermission(request, "vote:board");
  return await orRespond(listResolutions(getDb(), actor));
}

type Item = Awaited<ReturnType<typeof loader>>["open"][number];

function ResolutionTable({ items, caption, open, votingMember }: { items: Item[]; caption: string; open: boolean; votingMember: boolean }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const money = useMoney();
  return (
    // On a phone each resolution stacks (project, then each value after its column's name).
    <ScrollTable label={caption} minWidth={720}>
      <Table withTableBorder striped captionSide="top" className="stack-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("resolutions.project")}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: "right" }}>
              {t("columns.budget")}
            </Table.Th>
            <Table.Th scope="col">{open ? t("board.deadline") : t("board.result")}</Table.Th>
            <Table.Th scope="col">{t("board.tally")}</Table.Th>
            <Table.Th scope="col">{t("resolutions.yourVote")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={`/projekte/${r.id}#umlaufverfahren`}>
                  {r.title}
                </Anchor>
              </Table.Th>
              <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }} data-label={t("columns.budget")}>
                {money(r.budget)}
              </Table.Td>
              <Table.Td data-label={open ? t("board.deadline") : t("board.result")}>
                {open
                  ? `${r.deadline ? fmt.dateTime(r.deadline) : "–"}${r.deadlinePassed ? ` (${t("resolutions.deadlinePassed")})` : ""}`
                  : `${r.result ? t(`board.resultValue.${resolutionReading(r.result, r.tally)}`) : "–"}${r.resultAt ? ` · ${fmt.dateTime(r.resultAt)}` : ""}`}
              </Table.Td>
              <Table.Td data-label={t("board.tally")}>{t("resolutions.tallyShort", { yes: r.tally.yes, no: r.tally.no, abstain: r.tally.abstain })}</Table.Td>
              <Table.Td data-label={t("resolutions.yourVote")}>{r.myVote ? t(`vote.${r.myVote}`) : r.involved ? t("resolutions.involved") : votingMember ? t("resolutions.notVoted") : t("resolutions.noVote")}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

export default function ResolutionsPage() {
  const { open, forMeeting, votingMember, votingMembers } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  return (
    <Stack gap="md">
      <Title order={1}>{t("resolutions.title")}</Title>
      <Text>{t("resolutions.intro", { count: votingMembers })}</Text>
      {!votingMember && <Text>{t("resolutions.notVotingHint")}</Text>}
      <Title order={2} size="h3">
        {t("resolutions.openHeading")}
      </Title>
      {open.length === 0 ? <Text>{t("resolutions.noneOpen")}</Text> : <ResolutionTable items={open} caption={t("resolutions.openCaption", { count: open.length })} open votingMember={votingMember} />}
      <Title order={2} size="h3">
        {t("resolutions.meetingHeading")}
      </Title>
      <Text>{t("resolutions.meetingIntro")}</Text>
      {forMeeting.length === 0 ? (
        <Text>{t("resolutions.noneForMeeting")}</Text>
      ) : (
        <ResolutionTable items={forMeeting} caption={t("resolutions.meetingCaption", { count: forMeeting.length })} open={false} votingMember={votingMember} />
      )}
    </Stack>
  );
}
