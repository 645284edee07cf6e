import { useTranslation } from "react-i18next";

export interface TakenRank {
  rank: number;
  candidateId: number;
  candidateTitle: string;
}

/** The other candidates of the team that hold the rank (none for a rank that is not a whole number ≥ 1). */
export function holdersOf(taken: TakenRank[], rank: number | string, candidateId: number): TakenRank[] {
  const n = typeof rank === "number" ? rank : /^\s*\d+\s*$/.test(rank) ? Number(rank) : NaN;
  if (!Number.isInteger(n) || n < 1) return [];
  return taken.filter((r) => r.rank === n && r.candidateId !== candidateId);
}

/** „Rang 2 ist bereits an „A“ und „B“ vergeben. …“ (kind "taken", before saving) or „… auch an …“ (kind "shared", once decided). */
export function useRankTakenText() {
  const { t, i18n } = useTranslation("workshops");
  const list = new Intl.ListFormat(i18n.language === "en" ? "en-GB" : "de-DE", { type: "conjunction" });
  return (kind: "taken" | "shared", rank: number, holders: TakenRank[]) =>
    holders.length === 0
      ? ""
      : t(kind === "taken" ? "decision.rankTaken" : "decision.rankShared", {
          rank,
          holders: list.format(holders.map((h) => t("decision.rankHolder", { title: h.candidateTitle }))),
        });
}
