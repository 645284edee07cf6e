import { Form, Link, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { THEMENFELDER } from "#app/modules/requirements/topics";
import { LIST_STATUSES, MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, readListFilter, SORTS } from "#app/modules/requirements/schema";
import type { SearchReport } from "#app/modules/requirements/search";
import { formatDate, StatusBadge } from "./StatusBadge";
import { formattersFor } from "#app/utils/format";
import { ScrollTable } from "#app/components/ScrollTable";
import { LightBadge } from "#app/components/LightBadge";
import classes from "#app/components/light.module.css";
import { PlainNativeSelect, PlainTextInput } from "#app/components/plain/inputs";
import { PlainAnchor, PlainButton, PlainGroup, PlainStack, PlainText, PlainVisuallyHidden } from "#app/components/plain/layout";
import { PlainPagination } from "#app/components/plain/Pagination";

export interface ListItem {
  id: number;
  title: string;
  status: string;
  awaitingRelease: boolean;
  confidential: boolean;
  themenfeld: string;
  deadline: string | null;
  organisationName: string;
  districtName: string | null;
  cosignatures: number;
  submitted_at: string | null;
  /** In a project that still waits for approval: who decides next (management or the board). */
  projectPending?: "requested" | "board_vote" | null;
}

interface Option {
  id: number;
  name: string;
}

const SORT_LABEL = { newest: "sortNewest", oldest: "sortOldest", deadline: "sortDeadline", cosignatures: "sortCosignatures", title: "sortTitle" } as const satisfies Record<(typeof SORTS)[number], string>;

const IGNORED_KINDS = ["specialChars", "emoji", "stopWords", "tooShort", "beyondWordLimit"] as const;

/** What the search left out of the typed text, in one note for the field (null when it used all of it). */
function useSearchNote(search: SearchReport | null | undefined): string | null {
  const { t } = useTranslation("requirements");
  if (!search) return null;
  const parts = IGNORED_KINDS.filter((kind) => search.ignored[kind].length > 0).map((kind) =>
    t(`list.searchIgnored.${kind}`, { items: search.ignored[kind].join(", "), max: MAX_SEARCH_WORDS }),
  );
  const sentences = [
    parts.length > 0 ? t("list.searchIgnored.note", { parts: parts.join("; ") }) : "",
    search.truncated ? t("list.searchIgnored.truncated", { max: MAX_SEARCH_LENGTH }) : "",
  ].filter(Boolean);
  return sentences.length > 0 ? sentences.join(" ") : null;
}

/** Whether a search narrows the list: by a searchable word, or as a requirement number. */
const searchNarrows = (search: SearchReport) => search.stems.length > 0 || search.number !== null;

/**
 * `drafts`: whether the list can hold drafts at all (only the organisation's own list does).
 * `cosign`: whether the reader's organisation co-signs, so the list offers „Von uns mitgezeichnet“.
 * `search`: how the list read the search text; what it left out is said at the field.
 * `unusable`: filter values from the address the list could not use (it is shown without them).
 */
export function RequirementFilters({
  organisations,
  districts,
  showOrganisation,
  drafts,
  cosign = false,
  search,
  unusable = {},
}: {
  organisations: Option[];
  districts: Option[];
  showOrganisation: boolean;
  drafts: boolean;
  cosign?: boolean;
  search?: SearchReport | null;
  unusable?: { deadlineBefore?: string };
}) {
  const { t } = useTranslation("requirements");
  const searchNote = useSearchNote(search);
  const [params] = useSearchParams();
  const v = (k: string) => params.get(k) ?? "";
  return (
    <Form method="get" role="search" className="no-print">
      <PlainStack gap="sm">
        <PlainGroup align="flex-end" grow>
          <PlainTextInput
            label={t("list.search")}
            description={
              <>
                {t("list.searchHint")}
                {searchNote && (
                  <>
                    <br />
                    {searchNote}
                  </>
                )}
              </>
            }
            error={search && !searchNarrows(search) ? t("list.searchNothing") : undefined}
            name="q"
            defaultValue={v("q")}
            type="search"
            maxLength={MAX_SEARCH_LENGTH}
          />
        </PlainGroup>
        <div className={classes.fieldRow}>
          <PlainNativeSelect
            label={t("fields.themenfeld")}
            name="themenfeld"
            defaultValue={v("themenfeld")}
            data={[{ value: "", label: t("list.any") }, ...THEMENFELDER.map((x) => ({ value: x, label: x }))]}
          />
          <PlainNativeSelect
            label={t("fields.status")}
            name="status"
            defaultValue={v("status")}
            data={[{ value: "", label: t("list.any") }, ...LIST_STATUSES.filter((s) => drafts || (s !== "draft" && s !== "awaiting_release")).map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          {showOrganisation && (
            <PlainNativeSelect
              label={t("fields.organisation")}
              name="organisationId"
              defaultValue={v("organisationId")}
              data={[{ value: "", label: t("list.any") }, ...organisations.map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          )}
          {showOrganisation && (
            <PlainNativeSelect
              label={t("fields.district")}
              name="districtId"
              defaultValue={v("districtId")}
              data={[{ value: "", label: t("list.any") }, ...districts.map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          )}
        </div>
        <PlainGroup align="flex-end">
          {cosign && (
            <PlainNativeSelect
              label={t("list.cosigned")}
              name="cosigned"
              defaultValue={v("cosigned")}
              data={[
                { value: "", label: t("list.any") },
                { value: "own", label: t("list.cosignedOwn") },
              ]}
            />
          )}
          <PlainTextInput
            type="date"
            label={t("list.deadlineBefore")}
            name="deadlineBefore"
            defaultValue={v("deadlineBefore")}
            error={unusable.deadlineBefore ? t("list.deadlineBeforeInvalid", { value: unusable.deadlineBefore }) : undefined}
          />
          <PlainNativeSelect
            label={t("list.sort")}
            name="sort"
            defaultValue={v("sort") || "newest"}
            data={SORTS.map((s) => ({ value: s, label: t(`list.${SORT_LABEL[s]}`) }))}
          />
          <FilterButtons />
        </PlainGroup>
      </PlainStack>
    </Form>
  );
}

/**
 * Print only, under the list's heading: which filters the paper's list is narrowed by and which of
 * its pages it shows (on screen the filter form and the page links say so; both are not printed).
 * Read from the address as the loader reads it, so a value the list could not use is not named.
 * Nothing when the list is unfiltered and fits on one page.
 */
export function RequirementFilterLine({
  total,
  page,
  pageSize,
  search,
  organisations = [],
  districts = [],
}: {
  total: number;
  page: number;
  pageSize: number;
  search?: SearchReport | null;
  organisations?: Option[];
  districts?: Option[];
}) {
  const { t, i18n } = useTranslation("requirements");
  const [params] = useSearchParams();
  const { filter } = readListFilter(params);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const nameOf = (options: Option[], id: number) => options.find((o) => o.id === id)?.name ?? t("list.printFilter.number", { id });
  const parts: string[] = [];
  if (filter.status) parts.push(t("list.printFilter.status", { value: t(`status.${filter.status}`) }));
  if (filter.themenfeld) parts.push(t("list.printFilter.themenfeld", { value: filter.themenfeld }));
  if (filter.organisationId) parts.push(t("list.printFilter.organisation", { value: nameOf(organisations, filter.organisationId) }));
  if (filter.districtId) parts.push(t("list.printFilter.district", { value: nameOf(districts, filter.districtId) }));
  // A search without a searchable word does not narrow the list (the field says so on screen).
  if (filter.cosigned === "own") parts.push(t("list.printFilter.cosigned"));
  if (filter.q && (!search || searchNarrows(search))) parts.push(t("list.printFilter.search", { value: filter.q.slice(0, MAX_SEARCH_LENGTH) }));
  if (filter.deadlineBefore) parts.push(t("list.printFilter.deadline", { value: formatDate(filter.deadlineBefore, i18n.language) }));
  if (filter.sort !== "newest") parts.push(t("list.printFilter.sort", { value: t(`list.${SORT_LABEL[filter.sort]}`) }));
  if (parts.length === 0 && pages <= 1) return null;
  const items = [parts.length > 0 ? t("list.printFilter.filters", { list: parts.join(" · ") }) : t("list.printFilter.none")];
  if (pages > 1) items.push(t("list.pageOf", { page, pages }));
  return (
    <p className="print-only print-note" data-testid="print-filters">
      {items.join(" · ")}
    </p>
  );
}

/** A filter form's two buttons: apply, and back to the unfiltered list. */
export function FilterButtons() {
  const { t } = useTranslation("requirements");
  return (
    <>
      <PlainButton type="submit">{t("list.apply")}</PlainButton>
      <PlainButton to="?" variant="subtle">
        {t("list.reset")}
      </PlainButton>
    </>
  );
}

/** "130 Anforderungen": how many a paged list of requirements holds in all. */
export function RequirementCount({ total }: { total: number }) {
  const { t, i18n } = useTranslation("requirements");
  return <PlainText role="status">{t("list.count", { count: total, n: formattersFor(i18n.language).number.format(total) })}</PlainText>;
}

/** The whole list with its filters (every page) as a CSV file: the list's address with ".csv". */
function CsvDownload({ total }: { total: number }) {
  const { t } = useTranslation("requirements");
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  params.delete("page");
  const query = params.toString();
  if (total === 0) return null;
  return (
    <PlainAnchor to={`${pathname}.csv${query ? `?${query}` : ""}`} reloadDocument download className="no-print">
      {t("export.download")}
    </PlainAnchor>
  );
}

/** Links to the pages of a paged list, keeping the address's other parameters (the filters). */
export function RequirementPages({ total, page, pageSize }: { total: number; page: number; pageSize: number }) {
  const { t } = useTranslation("requirements");
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const hrefFor = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <nav aria-label={t("list.pageOf", { page, pages })} className="no-print">
      <PlainPagination total={pages} value={page} getItemHref={hrefFor} previousLabel={t("list.previous")} nextLabel={t("list.next")} />
    </nav>
  );
}

/** `showOrganisation={false}` on the organisation's own list, where every row would name the same one. */
export function RequirementTable({ items, total, page, pageSize, showOrganisation = true }: { items: ListItem[]; total: number; page: number; pageSize: number; showOrganisation?: boolean }) {
  const { t, i18n } = useTranslation("requirements");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <PlainStack gap="sm">
      <PlainGroup justify="space-between">
        <RequirementCount total={total} />
        <CsvDownload total={total} />
      </PlainGroup>
      {items.length === 0 ? (
        <PlainText>{t("list.empty")}</PlainText>
      ) : (
        <ScrollTable minWidth={760}>
          {/* Plain elements: this table is on the most visited page (see light.module.css). On a phone its
              rows stack (title, then each value after its column's name: "stack-table" in global.css). */}
          <table className={`${classes.table} stack-table`}>
            <caption>{t("list.caption", { page, pages })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.title")}</th>
                {showOrganisation && <th scope="col">{t("fields.organisation")}</th>}
                <th scope="col">{t("fields.themenfeld")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("fields.deadline")}</th>
                <th scope="col">{t("fields.cosignatures")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/anforderungen/${r.id}`} className={classes.link}>
                      {r.title}
                    </Link>
                    {r.confidential && (
                      <LightBadge color="red" size="xs">
                        {t("list.confidentialBadge")}
                      </LightBadge>
                    )}
                  </td>
                  {showOrganisation && (
                    <td data-label={t("fields.organisation")}>
                      {r.organisationName}
                      {/* Its own smaller line; the comma is for screen readers and copied text, which would run the two together. */}
                      {r.districtName && (
                        <>
                          <PlainVisuallyHidden>, </PlainVisuallyHidden>
                          <span className={classes.sub}>{r.districtName}</span>
                        </>
                      )}
                    </td>
                  )}
                  <td data-label={t("fields.themenfeld")}>{r.themenfeld || "–"}</td>
                  <td className={classes.nowrap} data-label={t("fields.status")}>
                    <StatusBadge status={r.status} awaitingRelease={r.awaitingRelease} />
                    {r.projectPending && <span className={classes.sub}>{t(`list.projectPending_${r.projectPending}`)}</span>}
                  </td>
                  <td data-label={t("fields.deadline")}>{r.deadline ? formatDate(r.deadline, i18n.language) : t("list.noDeadline")}</td>
                  <td data-label={t("fields.cosignatures")}>{r.cosignatures}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <RequirementPages total={total} page={page} pageSize={pageSize} />
    </PlainStack>
  );
}
