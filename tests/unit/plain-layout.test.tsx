import { Anchor, Button, Card, Group, MantineProvider, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { PlainAnchor, PlainButton, PlainCard, PlainGroup, PlainStack, PlainText, PlainTitle, PlainVisuallyHidden } from "#app/components/plain/layout";
import { theme } from "#app/theme";

/** What a page shows for an element: rendered like the app renders (router, Mantine provider). */
function html(element: ReactElement): string {
  return renderToStaticMarkup(
    <MemoryRouter>
      <MantineProvider theme={theme} defaultColorScheme="light" withCssVariables={false}>
        {element}
      </MantineProvider>
    </MemoryRouter>,
  ).replace(/<style data-mantine-styles="classes">.*?<\/style>/s, "");
}

const same: [string, ReactElement, ReactElement][] = [
  ["Group", <Group key="m">a</Group>, <PlainGroup key="p">a</PlainGroup>],
  [
    "Group header",
    <Group key="m" h="100%" px="md" justify="space-between" wrap="nowrap">
      a
    </Group>,
    <PlainGroup key="p" h="100%" px="md" justify="space-between" wrap="nowrap">
      a
    </PlainGroup>,
  ],
  [
    "Group footer",
    <Group key="m" component="footer" gap="lg" justify="center" mt="xl" pt="md" className="no-print" style={{ borderTop: "1px solid red" }}>
      a
    </Group>,
    <PlainGroup key="p" component="footer" gap="lg" justify="center" mt="xl" pt="md" className="no-print" style={{ borderTop: "1px solid red" }}>
      a
    </PlainGroup>,
  ],
  [
    "Group grow, three children and a left-out one",
    <Group key="m" grow align="flex-end">
      <span />
      <span />
      {false}
      <span />
    </Group>,
    <PlainGroup key="p" grow align="flex-end">
      <span />
      <span />
      {false}
      <span />
    </PlainGroup>,
  ],
  [
    "Group with a numeric gap",
    <Group key="m" gap={8} wrap="nowrap">
      a
    </Group>,
    <PlainGroup key="p" gap={8} wrap="nowrap">
      a
    </PlainGroup>,
  ],
  ["Stack", <Stack key="m">a</Stack>, <PlainStack key="p">a</PlainStack>],
  [
    "Stack header",
    <Stack key="m" gap={0} visibleFrom="sm" align="flex-end">
      a
    </Stack>,
    <PlainStack key="p" gap={0} visibleFrom="sm" align="flex-end">
      a
    </PlainStack>,
  ],
  [
    "Stack small gap, margin",
    <Stack key="m" gap="sm" mt="md">
      a
    </Stack>,
    <PlainStack key="p" gap="sm" mt="md">
      a
    </PlainStack>,
  ],
  ["Text", <Text key="m">a</Text>, <PlainText key="p">a</PlainText>],
  [
    "Text dimmed status",
    <Text key="m" size="xs" c="dimmed" role="status">
      a
    </Text>,
    <PlainText key="p" size="xs" c="dimmed" role="status">
      a
    </PlainText>,
  ],
  [
    "Text bold large",
    <Text key="m" fw={700} size="lg">
      a
    </Text>,
    <PlainText key="p" fw={700} size="lg">
      a
    </PlainText>,
  ],
  [
    "Text visible from xs",
    <Text key="m" size="sm" c="dimmed" visibleFrom="xs">
      a
    </Text>,
    <PlainText key="p" size="sm" c="dimmed" visibleFrom="xs">
      a
    </PlainText>,
  ],
  ["Title 1", <Title key="m" order={1}>a</Title>, <PlainTitle key="p" order={1}>a</PlainTitle>],
  [
    "Title 2 as h4",
    <Title key="m" order={2} size="h4">
      a
    </Title>,
    <PlainTitle key="p" order={2} size="h4">
      a
    </PlainTitle>,
  ],
  ["Button", <Button key="m">a</Button>, <PlainButton key="p">a</PlainButton>],
  [
    "Button submit default compact",
    <Button key="m" type="submit" variant="default" size="compact-sm">
      a
    </Button>,
    <PlainButton key="p" type="submit" variant="default" size="compact-sm">
      a
    </PlainButton>,
  ],
  [
    "Button subtle with language",
    <Button key="m" type="submit" variant="subtle" size="compact-sm" lang="en">
      a
    </Button>,
    <PlainButton key="p" type="submit" variant="subtle" size="compact-sm" lang="en">
      a
    </PlainButton>,
  ],
  [
    "Button link light with label and class",
    <Button key="m" component={Link} to="/benachrichtigungen" variant="light" size="compact-sm" aria-label="Benachrichtigungen" className="no-print">
      a
    </Button>,
    <PlainButton key="p" to="/benachrichtigungen" variant="light" size="compact-sm" aria-label="Benachrichtigungen" className="no-print">
      a
    </PlainButton>,
  ],
  [
    "Button link subtle",
    <Button key="m" component={Link} to="?" variant="subtle">
      a
    </Button>,
    <PlainButton key="p" to="?" variant="subtle">
      a
    </PlainButton>,
  ],
  [
    "Button light red",
    <Button key="m" color="red" variant="light">
      a
    </Button>,
    <PlainButton key="p" color="red" variant="light">
      a
    </PlainButton>,
  ],
  [
    "Anchor",
    <Anchor key="m" component={Link} to="/impressum" size="sm">
      a
    </Anchor>,
    <PlainAnchor key="p" to="/impressum" size="sm">
      a
    </PlainAnchor>,
  ],
  [
    "Anchor bold with label",
    <Anchor key="m" component={Link} to="/konto" size="sm" fw={600} aria-label="Mein Konto">
      a
    </Anchor>,
    <PlainAnchor key="p" to="/konto" size="sm" fw={600} aria-label="Mein Konto">
      a
    </PlainAnchor>,
  ],
  [
    "Anchor home",
    <Anchor key="m" component={Link} to="/" underline="never" c="inherit">
      a
    </Anchor>,
    <PlainAnchor key="p" to="/" underline="never" c="inherit">
      a
    </PlainAnchor>,
  ],
  [
    "VisuallyHidden",
    <VisuallyHidden key="m">
      <Title order={2}>x</Title>
    </VisuallyHidden>,
    <PlainVisuallyHidden key="p">
      <PlainTitle order={2}>x</PlainTitle>
    </PlainVisuallyHidden>,
  ],
  [
    "Title with margin and id",
    <Title key="m" order={2} size="h3" mb="sm" id="x-h">
      a
    </Title>,
    <PlainTitle key="p" order={2} size="h3" mb="sm" id="x-h">
      a
    </PlainTitle>,
  ],
  [
    "Text keeping line breaks",
    <Text key="m" style={{ whiteSpace: "pre-wrap" }}>
      a
    </Text>,
    <PlainText key="p" style={{ whiteSpace: "pre-wrap" }}>
      a
    </PlainText>,
  ],
  [
    "Text inline, bold, with margin",
    <Text key="m" span size="sm" fw={600} mb="xs">
      a
    </Text>,
    <PlainText key="p" span size="sm" fw={600} mb="xs">
      a
    </PlainText>,
  ],
  [
    "Stack as a labelled section",
    <Stack key="m" gap="sm" component="section" aria-labelledby="x-heading" id="x">
      a
    </Stack>,
    <PlainStack key="p" gap="sm" component="section" aria-labelledby="x-heading" id="x">
      a
    </PlainStack>,
  ],
  [
    "Text as a field hint with id",
    <Text key="m" size="sm" c="dimmed" id="f-hint" mb="xs">
      a
    </Text>,
    <PlainText key="p" size="sm" c="dimmed" id="f-hint" mb="xs">
      a
    </PlainText>,
  ],
  [
    "Card section",
    <Card key="m" withBorder padding="md" component="section" aria-labelledby="x-h" id="x">
      a
    </Card>,
    <PlainCard key="p" padding="md" component="section" aria-labelledby="x-h" id="x">
      a
    </PlainCard>,
  ],
  [
    "Card article",
    <Card key="m" withBorder padding="sm" component="article">
      a
    </Card>,
    <PlainCard key="p" padding="sm" component="article">
      a
    </PlainCard>,
  ],
  [
    "Button full width",
    <Button key="m" type="submit" fullWidth>
      a
    </Button>,
    <PlainButton key="p" type="submit" fullWidth>
      a
    </PlainButton>,
  ],
  [
    "Button red confirming another form",
    <Button key="m" type="submit" form="f" name="confirm" value="yes" color="red">
      a
    </Button>,
    <PlainButton key="p" type="submit" form="f" name="confirm" value="yes" color="red">
      a
    </PlainButton>,
  ],
  [
    "Button not loading",
    <Button key="m" type="submit" variant="default" loading={false}>
      a
    </Button>,
    <PlainButton key="p" type="submit" variant="default" loading={false}>
      a
    </PlainButton>,
  ],
  [
    "Button loading (Mantine's spinner)",
    <Button key="m" type="submit" variant="default" loading>
      a
    </Button>,
    <PlainButton key="p" type="submit" variant="default" loading>
      a
    </PlainButton>,
  ],
];

describe("plain layout components render Mantine's markup", () => {
  it.each(same)("%s", (_name, mantine, plain) => {
    const expected = html(mantine);
    expect(expected).toMatch(/mantine-/);
    expect(html(plain)).toBe(expected);
  });

  it("notices a difference", () => {
    expect(html(<PlainText size="sm">a</PlainText>)).not.toBe(html(<Text size="xs">a</Text>));
    expect(html(<PlainButton variant="light">a</PlainButton>)).not.toBe(html(<Button variant="subtle">a</Button>));
  });

  it("need no Mantine provider", () => {
    const markup = renderToStaticMarkup(
      <MemoryRouter>
        <PlainGroup>
          <PlainButton to="/x">a</PlainButton>
        </PlainGroup>
      </MemoryRouter>,
    );
    expect(markup).toContain('href="/x"');
  });
});
