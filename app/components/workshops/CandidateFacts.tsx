import { SimpleGrid, Stack, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import { Fact } from "#app/components/Fact";
import { useTranslation } from "react-i18next";
import { PopulationValue, useDateFormat } from "#app/components/bundling";
import { CandidateOrganisationsTable } from "#app/components/CandidateOrganisationsTable";
import type { WorkshopState } from "#app/modules/workshops/workshops.server";

type Facts = NonNullable<NonNullable<WorkshopState["current"]>["facts"]>;

/** A disclosure that opens for printing and closes again afterwards (if it was closed). */
function useOpenInPrint() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    let wasOpen = true;
    const before = () => {
      if (!ref.current) return;
      wasOpen = ref.current.open;
      ref.current.open = true;
    };
    const after = () => {
      if (ref.current && !wasOpen) ref.current.open = false;
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return ref;
}

/**
 * The candidate's facts beside the live item. The same facts read the same as on the candidate's
 * page: the words come from its keys (bundling namespace), not from copies.
 */
export function CandidateFacts({ facts: f }: { facts: Facts | null | undefined }) {
  const { t } = useTranslation("bundling");
  const fmt = useDateFormat();
  const organisations = useOpenInPrint();
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
      {/* Folded, so the moderation below is in reach; on paper it is open. */}
      {f.organisations.length > 0 && (
        <details ref={organisations} data-testid="organisations-disclosure">
          <summary>{t("facts.organisationsDisclosure", { count: f.organisations.length })}</summary>
          <CandidateOrganisationsTable organisations={f.organisations} />
        </details>
      )}
    </Stack>
  );
}
