import { Card, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { PageSection, type PageSectionLayout } from "#app/components/PageSection";
import { PlainCard, PlainStack, PlainTitle } from "#app/components/plain/layout";
import { renderComponent } from "#tests/helpers/render";

interface Props {
  title: string;
  id?: string;
  className?: string;
  children: ReactNode;
}

// The sections each page drew itself before they shared PageSection, as they were.
function ProjectPageSection({ id, title, children }: Props) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`${id}-heading`} id={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={`${id}-heading`}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function WorkshopPageSection({ id, title, children, className }: Props) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`${id}-h`} id={id} className={className}>
      <Title order={2} size="h3" mb="sm" id={`${id}-h`}>
        {title}
      </Title>
      {children}
    </Card>
  );
}

function CandidatePageSection({ id, title, children }: Props) {
  return (
    <PlainStack gap="sm" component="section" aria-labelledby={`${id}-heading`} id={id}>
      <PlainTitle order={2} id={`${id}-heading`} size="h3">
        {title}
      </PlainTitle>
      {children}
    </PlainStack>
  );
}

function RequirementPageSection({ title, id, className, children }: Props) {
  return (
    <PlainCard padding="md" component="section" aria-labelledby={id ? `${id}-h` : undefined} id={id} className={className}>
      <PlainTitle order={2} size="h3" mb="sm" id={id ? `${id}-h` : undefined}>
        {title}
      </PlainTitle>
      {children}
    </PlainCard>
  );
}

const content = (
  <>
    <p>eins</p>
    <p>zwei</p>
  </>
);

const cases: [string, (props: Props) => ReactNode, PageSectionLayout, Omit<Props, "children">][] = [
  ["project page", ProjectPageSection, "card-stack", { id: "team", title: "Team" }],
  ["workshop page", WorkshopPageSection, "card", { id: "tagesordnung", title: "Tagesordnung" }],
  ["live workshop page, with a class", WorkshopPageSection, "card", { id: "moderation", title: "Moderation", className: "no-print" }],
  ["candidate page", CandidatePageSection, "stack", { id: "fakten", title: "Fakten" }],
  ["requirement page, with an id", RequirementPageSection, "card", { id: "anhaenge", title: "Anhänge" }],
  ["requirement page, without an id, with a class", RequirementPageSection, "card", { title: "Aktionen", className: "no-print" }],
];

describe("PageSection draws each page's sections as the page did before", () => {
  it.each(cases)("%s", async (_name, Before, layout, props) => {
    expect(
      await renderComponent(
        <PageSection layout={layout} {...props}>
          {content}
        </PageSection>,
      ),
    ).toBe(await renderComponent(<Before {...props}>{content}</Before>));
  });
});
