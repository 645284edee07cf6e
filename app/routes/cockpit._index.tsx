import { BarChart, LineChart } from "@mantine/charts";
import { Anchor, Button, Grid, Group, List, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { useDateFormat } from "#app/components/bundling";
import { countChartProps } from "#app/components/charts";
import { ScrollTable } from "#app/components/ScrollTable";
import { requirePermission } from "#app/modules/auth/guard.server";
import { getDashboard, type Dashboard } from "#app/modules/projects/dashboard.server";
import { orRespond } from "#app/utils/forms.server";
import { PageSection } from "#app/components/PageSection";
import { PrintButton } from "#app/components/PrintButton";
import { isolateBidi } from "#app/modules/i18n/bidi";
import { startOfMinute } from "#app/utils/time";

export const handle = { title: "projects:dashboard.title", i18n: ["projects"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:dashboard");
  // As of the minute the page shows („Stand … 13:07“): a page asked for again within it is the same.
  return { dashboard: await orRespond(getDashboard(getDb(), actor, startOfMinute())) };
}

// Shade 8/9 colours keep bars at 3:1 or more against white (WCAG 1.4.11).
const C = { blue: "blue.8", teal: "teal.9", orange: "orange.9", grape: "grape.8", red: "red.9", gray: "gray.7", green: "green.9", indigo: "indigo.8", cyan: "cyan.9" };

/** A chart with the table of its figures: side by side, or (wide tables) one above the other. */
function ChartSection({ id, title, intro, chart, table, wide = false }: { id: string; title: string; intro?: string; chart: ReactNode; table: ReactNode; wide?: boolean }) {
  const { t } = useTranslation("projects");
  return (
    // "print-whole": on paper a chart section that fits a sheet starts on a fresh one rather than
    // leaving its card's empty top at the foot of the sheet before.
    <PageSection id={id} title={title} layout="card-stack" className="print-whole">
      {intro && (
        <Text size="sm" className="keep-with-next">
          {intro}
        </Text>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: wide ? 12 : 7 }}>
          {/* The chart is a picture of the table next to it; screen readers get the table. */}
          <div role="img" aria-label={t("dashboard.chartLabel", { title })}>
            {chart}
          </div>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: wide ? 12 : 5 }}>{table}</Grid.Col>
      </Grid>
    </PageSection>
  );
}

function FigureTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <ScrollTable label={caption} minWidth={280}>
      <Table withTableBorder striped captionSide="top" verticalSpacing={4}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {head.map((h, i) => (
              <Table.Th key={h} scope="col" style={i > 0 ? { textAlign: "right" } : undefined}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={String(r[0])}>
              <Table.Th scope="row" fw={500}>
                {r[0]}
              </Table.Th>
              {r.slice(1).map((v, i) => (
                <Table.Td key={i} style={{ textAlign: "right" }}>
                  {v}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function WaitingSection({ d }: { d: Dashboard }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const w = d.waiting;
  return (
    <PageSection id="entscheidungen" title={t("dashboard.waiting.title")} layout="card-stack">
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Title order={3} size="h4" mb="xs">
            {t("dashboard.waiting.approvals")}
          </Title>
          {w.approvals.length === 0 ? (
            <Text size="sm">{t("dashboard.waiting.none")}</Text>
          ) : (
            <List size="sm" spacing={4}>
              {w.approvals.map((a) => (
                <List.Item key={a.id}>
                  <Anchor component={Link} to={`/projekte/${a.id}#freigabe`} size="sm">
                    {isolateBidi(a.title)}
                  </Anchor>{" "}
                  – {t("dashboard.waiting.approvalLine", { approvals: a.approvals, count: a.days })}
                </List.Item>
              ))}
            </List>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Title order={3} size="h4" mb="xs">
            {t("dashboard.waiting.votes")}
          </Title>
          {w.votes.length === 0 ? (
            <Text size="sm">{t("dashboard.waiting.none")}</Text>
          ) : (
            <List size="sm" spacing={4}>
              {w.votes.map((v) => (
                <List.Item key={v.id}>
                  <Anchor component={Link} to={`/projekte/${v.id}#umlaufverfahren`} size="sm">
                    {isolateBidi(v.title)}
                  </Anchor>{" "}
                  – {t("dashboard.waiting.voteLine", { votes: v.votes, voters: v.voters, deadline: v.deadline ? fmt.dateTime(v.deadline) : "–" })}
                  {v.overdue ? ` (${t("dashboard.waiting.deadlinePassed")})` : ""}
                </List.Item>
              ))}
            </List>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Title order={3} size="h4" mb="xs">
            {t("dashboard.waiting.milestones")}
          </Title>
          {w.milestones.length === 0 ? (
            <Text size="sm">{t("dashboard.waiting.none")}</Text>
          ) : (
            <List size="sm" spacing={4}>
              {w.milestones.map((m) => (
                <List.Item key={m.id}>
                  <Anchor component={Link} to={`/projekte/${m.projectId}#meilensteine`} size="sm">
                    {m.projectTitle}
                  </Anchor>
                  : {m.title} – {t("dashboard.waiting.milestoneLine", { date: fmt.date(m.endDate), count: m.daysOverdue })}
                </List.Item>
              ))}
            </List>
          )}
        </Grid.Col>
      </Grid>
    </PageSection>
  );
}

export default function DashboardPage() {
  const { dashboard: d } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("projects");
  const fmt = useDateFormat();
  const monthFormat = new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "de-DE", { month: "short", year: "numeric", timeZone: "UTC" });
  const month = (m: string) => monthFormat.format(new Date(`${m}-01T00:00:00Z`));
  const days = (n: number | null) => (n === null ? "–" : fmt.number(n));
  const count = t("dashboard.count");
  const stageAxes = countChartProps(i18n.language, { slanted: true });

  const reqStages = d.requirementStages.map((r) => ({ label: t(`dashboard.requirementStage.${r.stage}`), count: r.count }));
  const projStages = d.projectStages.map((r) => ({ label: t(`dashboard.projectStage.${r.stage}`), count: r.count }));
  const leadTimes = d.leadTimes.map((r) => ({ label: t(`dashboard.leadStage.${r.stage}`), days: r.medianDays ?? 0, medianDays: r.medianDays, count: r.count }));
  const throughput = d.throughput.map((r) => ({ ...r, label: month(r.month) }));
  const teamSeries = (["open", "scheduled", "prioritised", "promoted", "deferred", "rejected"] as const).map((s, i) => ({
    name: s,
    label: t(`dashboard.candidateStatus.${s}`),
    color: [C.blue, C.indigo, C.green, C.teal, C.orange, C.red][i],
  }));
  const teams = d.teams.map((r) => ({ ...r, label: r.unassigned ? t("dashboard.noTeam") : r.team }));
  const topOrgs = d.organisations.slice(0, 12);
  const health = d.health.map((h) => ({ name: t(`health.${h.health}`), value: h.count }));

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={1}>{t("dashboard.title")}</Title>
          <Text>{t("dashboard.intro", { at: fmt.dateTime(d.at) })}</Text>
        </Stack>
        <Group className="no-print">
          <Button component="a" href="/cockpit/daten.csv" variant="default" download>
            {t("dashboard.csv")}
          </Button>
          <PrintButton />
        </Group>
      </Group>

      <WaitingSection d={d} />

      <ChartSection
        id="anforderungen"
        title={t("dashboard.requirementStages.title")}
        intro={
          d.outsidePipeline.length
            ? `${t("dashboard.requirementStages.intro")} ${t("dashboard.requirementStages.outside", { list: d.outsidePipeline.map((o) => `${t(`dashboard.outsideStatus.${o.status}`)} ${fmt.number(o.count)}`).join(", ") })}`
            : t("dashboard.requirementStages.intro")
        }
        chart={<BarChart h={300} data={reqStages} dataKey="label" {...stageAxes} series={[{ name: "count", label: count, color: C.blue }]} withBarValueLabel />}
        table={<FigureTable caption={t("dashboard.requirementStages.title")} head={[t("dashboard.stage"), count]} rows={reqStages.map((r) => [r.label, r.count])} />}
      />
      <ChartSection
        id="projekte"
        title={t("dashboard.projectStages.title")}
        chart={<BarChart h={300} data={projStages} dataKey="label" {...stageAxes} series={[{ name: "count", label: count, color: C.teal }]} withBarValueLabel />}
        table={<FigureTable caption={t("dashboard.projectStages.title")} head={[t("dashboard.stage"), count]} rows={projStages.map((r) => [r.label, r.count])} />}
      />
      <ChartSection
        id="durchlaufzeiten"
        wide
        title={t("dashboard.leadTimes.title")}
        intro={t("dashboard.leadTimes.intro")}
        chart={<BarChart h={280} data={leadTimes} dataKey="label" orientation="vertical" {...countChartProps(i18n.language, { orientation: "vertical", categoryWidth: 150 })} series={[{ name: "days", label: t("dashboard.medianDays"), color: C.grape }]} />}
        table={
          <FigureTable
            caption={t("dashboard.leadTimes.title")}
            head={[t("dashboard.stage"), t("dashboard.medianDays"), t("dashboard.stays")]}
            rows={leadTimes.map((r) => [r.label, days(r.medianDays), r.count])}
          />
        }
      />
      <ChartSection
        id="durchsatz"
        wide
        title={t("dashboard.throughput.title")}
        intro={t("dashboard.throughput.intro")}
        chart={
          <LineChart
            h={280}
            data={throughput}
            dataKey="label"
            {...countChartProps(i18n.language, { slanted: true })}
            withLegend
            series={[
              { name: "submitted", label: t("dashboard.throughputSeries.submitted"), color: C.blue },
              { name: "approved", label: t("dashboard.throughputSeries.approved"), color: C.teal },
              { name: "closed", label: t("dashboard.throughputSeries.closed"), color: C.orange },
            ]}
          />
        }
        table={
          <FigureTable
            caption={t("dashboard.throughput.title")}
            head={[t("dashboard.month"), t("dashboard.throughputSeries.submitted"), t("dashboard.throughputSeries.approved"), t("dashboard.throughputSeries.closed")]}
            rows={throughput.map((r) => [r.label, r.submitted, r.approved, r.closed])}
          />
        }
      />
      <ChartSection
        id="kompetenzteams"
        wide
        title={t("dashboard.teams.title")}
        intro={t("dashboard.teams.intro")}
        chart={<BarChart h={320} data={teams} dataKey="label" type="stacked" orientation="vertical" {...countChartProps(i18n.language, { orientation: "vertical", categoryWidth: 200 })} withLegend series={teamSeries} />}
        table={
          <FigureTable
            caption={t("dashboard.teams.title")}
            head={[t("dashboard.team"), ...teamSeries.map((s) => s.label), t("dashboard.projectsColumn")]}
            rows={teams.map((r) => [r.label, r.open, r.scheduled, r.prioritised, r.promoted, r.deferred, r.rejected, r.projects])}
          />
        }
      />
      <ChartSection
        id="organisationen"
        wide
        title={t("dashboard.organisations.title")}
        intro={t("dashboard.organisations.intro", { shown: topOrgs.length, count: d.organisations.length, members: d.memberCount })}
        chart={
          <BarChart
            h={380}
            data={topOrgs}
            dataKey="organisation"
            type="stacked"
            orientation="vertical"
            {...countChartProps(i18n.language, { orientation: "vertical", categoryWidth: 170 })}
            withLegend
            series={[
              { name: "filed", label: t("dashboard.orgSeries.filed"), color: C.blue },
              { name: "cosigned", label: t("dashboard.orgSeries.cosigned"), color: C.orange },
              { name: "adopted", label: t("dashboard.orgSeries.adopted"), color: C.green },
            ]}
          />
        }
        table={
          <Stack gap="sm">
            <FigureTable
              caption={t("dashboard.organisations.caption", { count: d.organisations.length })}
              head={[t("dashboard.organisation"), t("dashboard.orgSeries.filed"), t("dashboard.orgSeries.cosigned"), t("dashboard.orgSeries.adopted")]}
              rows={d.organisations.map((r) => [r.organisation, r.filed, r.cosigned, r.adopted])}
            />
            {d.neverTookPart.length === 0 ? (
              <Text size="sm">{t("dashboard.neverTookPart.none")}</Text>
            ) : (
              <>
                <Title order={3} size="h4">
                  {t("dashboard.neverTookPart.heading", { count: d.neverTookPart.length })}
                </Title>
                <Text size="sm">{d.neverTookPart.join(", ")}</Text>
              </>
            )}
          </Stack>
        }
      />
      <ChartSection
        id="gesundheit"
        title={t("dashboard.health.title")}
        intro={t("dashboard.health.intro")}
        chart={
          <BarChart
            h={240}
            data={[{ label: t("dashboard.projectsColumn"), ...Object.fromEntries(d.health.map((h) => [h.health, h.count])) }]}
            dataKey="label"
            {...countChartProps(i18n.language)}
            withLegend
            withBarValueLabel
            series={d.health.map((h) => ({ name: h.health, label: t(`health.${h.health}`), color: { green: C.green, amber: C.orange, red: C.red, none: C.gray }[h.health] }))}
          />
        }
        table={<FigureTable caption={t("dashboard.health.title")} head={[t("dashboard.healthColumn"), count]} rows={health.map((h) => [h.name, h.value])} />}
      />
    </Stack>
  );
}
