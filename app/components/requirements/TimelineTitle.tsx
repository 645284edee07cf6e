import { useTranslation } from "react-i18next";

/** One entry of a requirement's history in words: on its page and in the start page's news. */
export function TimelineTitle({ event: e }: { event: { kind: string; from_status: string | null; to_status: string | null; detail: Record<string, unknown> | null } }) {
  const { t } = useTranslation("requirements");
  const status = (s: string | null) => (s ? t(`status.${s}`) : "–");
  switch (e.kind) {
    case "status":
      // Submitted in an organisation that releases first: it went to its lead, not yet out.
      if (e.detail?.awaitingRelease) return <>{t("timeline.submittedForRelease")}</>;
      // Management declined the project proposal it was in: back to prioritised (the reason stands below).
      if (e.detail?.declined) return <>{t("timeline.projectDeclined", { from: status(e.from_status), to: status(e.to_status) })}</>;
      // The board rejected it in its circular resolution: the same hand-back, by the board.
      if (e.detail?.board === "rejected") return <>{t("timeline.projectBoardRejected", { from: status(e.from_status), to: status(e.to_status) })}</>;
      if (e.detail?.clarify) return <>{t("clarify.timeline")}</>;
      // The lead's return during release: the only other way from submitted back to a draft.
      if (e.from_status === "submitted" && e.to_status === "draft") return <>{t("returned.timeline")}</>;
      // Only the lead's release leads from submitted to released: before it, the badge read „Wartet auf Freigabe“.
      if (e.from_status === "submitted" && e.to_status === "released") return <>{t("timeline.status", { from: status("awaiting_release"), to: status(e.to_status) })}</>;
      return <>{t("timeline.status", { from: status(e.from_status), to: status(e.to_status) })}</>;
    case "edited":
      return <>{t("timeline.edited", { fields: ((e.detail?.fields as string[] | undefined) ?? []).map((f) => t(`fields.${f}`)).join(", ") })}</>;
    case "merged_in":
      return <>{t("timeline.merged_in", { id: e.detail?.duplicate })}</>;
    case "attachment_removed":
      return <>{t("timeline.attachment_removed", { name: e.detail?.name })}</>;
    default:
      return <>{t(`timeline.${e.kind}`, { defaultValue: e.kind })}</>;
  }
}
