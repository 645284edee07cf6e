import { SimpleGrid, Stack, Text } from "@mantine/core";
import { Fact } from "#app/components/Fact";
import { useTranslation } from "react-i18next";
import { PopulationValue, useDateFormat } from "#app/components/bundling";
import { CandidateOrganisationsTable } from "#app/components/CandidateOrganisationsTable";
import type { WorkshopState } from "#app/modules/workshops/workshops.server";

type Facts = NonNullable<NonNullable<WorkshopState["current"]>["facts"]>;

/**
 * The candidate's facts beside the live item. The same facts read the same as on the candidate's
 * page: the words come from its keys (bundling namespace), not from copies.
 */
export function CandidateFacts({ facts: f }: { facts: Facts | null | undefined }) {
  const { t } = useTranslation("bundling");
  const fmt = useDateFormat();
  if (!f) return null;
  return (
    <Stack gap="sm">
      {f.summary && <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{f.summary}</Text>}
      <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" m={0}>
        <Fact label={t("facts.requirements")} value={f.requirementCount} />
        <Fact label={t("facts.organisations")} value={f.facts.organisationCount} />
        <Fact label={t("facts.districts")} value={f.facts.districtCount} />
        <Fact label={t("facts.cosigners")} value={f.facts.cosignerCount} />
        <Fact
          label={t("facts.population")}
          value={<PopulationValue population={f.facts.population} knownFor={f.facts.populationKnownFor} />}
        />
        <Fact label={t("facts.themenfeld")} value={f.themenfeld ?? t("facts.unknown")} />
        <Fact label={t("facts.deadline")} value={f.facts.earliestDeadline ? fmt.date(f.facts.earliestDeadline) : t("facts.none")} />
      </SimpleGrid>
      {f.organisations.length > 0 && <CandidateOrganisationsTable organisations={f.organisations} />}
    </Stack>
  );
}
