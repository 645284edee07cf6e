import { useTranslation } from "react-i18next";
import { PlainTable as Table } from "#app/components/plain/Table";

export interface CandidateOrganisation {
  id: number;
  name: string;
  districtName: string | null;
  filed: number;
  cosigned: number;
}

/**
 * The organisations behind a candidate and how (filed, co-signed): on its page and beside the live
 * item. On a phone each organisation stacks with its district and involvement, instead of scrolling sideways.
 */
export function CandidateOrganisationsTable({ organisations }: { organisations: CandidateOrganisation[] }) {
  const { t } = useTranslation("bundling");
  return (
    <Table withTableBorder striped captionSide="top" className="stack-table">
      <Table.Caption>{t("detail.organisationsCaption", { count: organisations.length })}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t("columns.organisation")}</Table.Th>
          <Table.Th scope="col">{t("columns.district")}</Table.Th>
          <Table.Th scope="col">{t("columns.involvement")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {organisations.map((o) => (
          <Table.Tr key={o.id}>
            <Table.Th scope="row" fw={500}>
              {o.name}
            </Table.Th>
            <Table.Td data-label={t("columns.district")}>{o.districtName ?? "–"}</Table.Td>
            <Table.Td data-label={t("columns.involvement")}>
              {[o.filed ? t("detail.filed", { count: o.filed }) : null, o.cosigned ? t("detail.cosigned", { count: o.cosigned }) : null].filter(Boolean).join(", ")}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
