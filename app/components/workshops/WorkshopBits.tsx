import { Badge, Text, VisuallyHidden } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { useTranslation } from "react-i18next";
import { formattersFor } from "#app/utils/format";
import classes from "./result.module.css";

// Mantine's light badges put a dark shade on a tint (green measures 3.9:1): the label here stays
// near-black on the tint, so every colour keeps well above 4.5:1 and colour is never the only cue.
export const badgeStyles = { label: { color: "var(--mantine-color-dark-9)" } };
const WORKSHOP_COLORS: Record<string, string> = { scheduled: "blue", live: "red", closed: "gray", published: "teal", cancelled: "orange" };
const ITEM_COLORS: Record<string, string> = { pending: "gray", scoring: "blue", revealed: "violet", decided: "teal", skipped: "orange" };
const CANDIDATE_COLORS: Record<string, string> = { open: "blue", scheduled: "violet", prioritised: "teal", deferred: "orange", rejected: "red", promoted: "indigo" };

/** The candidate's status, in colours that keep 4.5:1 contrast. */
export function CandidateBadge({ status }: { status: string }) {
  const { t } = useTranslation("bundling");
  return (
    <Badge color={CANDIDATE_COLORS[status] ?? "gray"} variant="light" styles={badgeStyles} style={{ minWidth: "max-content" }}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function WorkshopStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("workshops");
  return (
    <Badge color={WORKSHOP_COLORS[status] ?? "gray"} variant="light" styles={badgeStyles} style={{ minWidth: "max-content" }}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function ItemStateBadge({ state }: { state: string }) {
  const { t } = useTranslation("workshops");
  return (
    <Badge color={ITEM_COLORS[state] ?? "gray"} variant="light" styles={badgeStyles} style={{ minWidth: "max-content" }}>
      {t(`itemState.${state}`)}
    </Badge>
  );
}

/** Number formatting with the page's locale; one decimal place for means and totals. */
export function useNumber() {
  const { i18n } = useTranslation();
  const f = formattersFor(i18n.language).decimal;
  return (n: number | null | undefined) => (n === null || n === undefined ? "–" : f.format(n));
}

interface CriterionView {
  id: number;
  name: string;
  weight: number;
  inverse: boolean;
}

interface ResultView {
  criteria: { criterionId: number; distribution: number[]; count: number; mean: number | null; stdDev: number | null; range: number | null; disagreement: boolean }[];
  weightedTotal: number | null;
  participantCount: number;
  totalRange: number | null;
  disagreement: boolean;
}

/** Per criterion: how many gave 1…5, mean and spread; disagreement flagged in words, not only colour. */
export function ResultTable({ criteria, result, caption }: { criteria: CriterionView[]; result: ResultView; caption: string }) {
  return (
    <>
      <div className={classes.table}>
        <WideResultTable criteria={criteria} result={result} caption={caption} />
      </div>
      <div className={classes.stacked} data-testid="result-stacked">
        <StackedResult criteria={criteria} result={result} caption={caption} />
      </div>
    </>
  );
}

function DisagreementBadge() {
  const { t } = useTranslation("workshops");
  return (
    <Badge color="red" variant="light" styles={badgeStyles} style={{ minWidth: "max-content" }}>
      {t("result.disagreement")}
    </Badge>
  );
}

function spreadText(t: (key: string, o?: Record<string, unknown>) => string, num: ReturnType<typeof useNumber>, r: ResultView["criteria"][number] | undefined) {
  return r?.range === null || r?.range === undefined ? "–" : t("result.spreadValue", { range: r.range, sd: num(r.stdDev) });
}

function WideResultTable({ criteria, result, caption }: { criteria: CriterionView[]; result: ResultView; caption: string }) {
  const { t } = useTranslation("workshops");
  const num = useNumber();
  return (
    // A medium screen scrolls the table sideways; the scroller takes keyboard focus so it can be scrolled without a mouse.
    <div style={{ overflowX: "auto" }} tabIndex={0} role="region" aria-label={caption}>
      <Table withTableBorder striped captionSide="top" miw={600}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("result.criterion")}</Table.Th>
            {[1, 2, 3, 4, 5].map((v) => (
              <Table.Th scope="col" key={v} style={{ textAlign: "right" }}>
                <VisuallyHidden>{t("result.countOf")}</VisuallyHidden> {v}
              </Table.Th>
            ))}
            <Table.Th scope="col" style={{ textAlign: "right" }}>
              {t("result.mean")}
            </Table.Th>
            <Table.Th scope="col" style={{ textAlign: "right" }}>
              {t("result.spread")}
            </Table.Th>
            <Table.Th scope="col">{t("result.flag")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {criteria.map((c) => {
            const r = result.criteria.find((x) => x.criterionId === c.id);
            return (
              <Table.Tr key={c.id}>
                <Table.Th scope="row" fw={500}>
                  {c.name}
                  <Text span size="xs" c="dimmed" display="block">
                    {t("result.weight", { weight: c.weight })}
                    {c.inverse ? ` · ${t("result.inverse")}` : ""}
                  </Text>
                </Table.Th>
                {(r?.distribution ?? [0, 0, 0, 0, 0]).map((n, i) => (
                  <Table.Td key={i} style={{ textAlign: "right" }}>
                    {n}
                  </Table.Td>
                ))}
                <Table.Td style={{ textAlign: "right" }}>{num(r?.mean)}</Table.Td>
                <Table.Td style={{ textAlign: "right" }}>{spreadText(t, num, r)}</Table.Td>
                <Table.Td>{r?.disagreement ? <DisagreementBadge /> : "–"}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t("result.weightedTotal")}</Table.Th>
            <Table.Td colSpan={8}>
              <Text fw={700} span>
                {num(result.weightedTotal)}
              </Text>{" "}
              <Text span size="sm">
                {t("result.totalDetail", { count: result.participantCount, range: num(result.totalRange) })}
              </Text>
              {result.disagreement && (
                <Text span ml="sm">
                  <DisagreementBadge />
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </div>
  );
}

/** The same figures for a phone: one block per criterion, mean and spread first, the counts below. */
function StackedResult({ criteria, result, caption }: { criteria: CriterionView[]; result: ResultView; caption: string }) {
  const { t } = useTranslation("workshops");
  const num = useNumber();
  return (
    <section aria-label={caption}>
      <Text size="sm" mb="xs">
        {caption}
      </Text>
      <ul className={classes.list}>
        {criteria.map((c) => {
          const r = result.criteria.find((x) => x.criterionId === c.id);
          return (
            <li key={c.id} className={classes.block}>
              <Text fw={600} size="sm">
                {c.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t("result.weight", { weight: c.weight })}
                {c.inverse ? ` · ${t("result.inverse")}` : ""}
              </Text>
              <dl className={classes.figures}>
                {[
                  [t("result.mean"), num(r?.mean)],
                  [t("result.spread"), spreadText(t, num, r)],
                  [t("result.distribution"), (r?.distribution ?? [0, 0, 0, 0, 0]).map((n, i) => t("result.distributionItem", { value: i + 1, count: n })).join(" · ")],
                ].map(([label, value]) => (
                  <div key={label} className={classes.pair}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              {r?.disagreement && <DisagreementBadge />}
            </li>
          );
        })}
        <li className={classes.block}>
          <Text fw={600} size="sm">
            {t("result.weightedTotal")}
          </Text>
          <Text size="sm">
            <Text fw={700} span>
              {num(result.weightedTotal)}
            </Text>{" "}
            {t("result.totalDetail", { count: result.participantCount, range: num(result.totalRange) })}
          </Text>
          {result.disagreement && <DisagreementBadge />}
        </li>
      </ul>
    </section>
  );
}
