import { Anchor, Badge, Card, Group, List, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface SimilarItem {
  id: number;
  title: string;
  status: string;
  organisationName: string;
  own: boolean;
  cosignatures: number;
  sharedTerms: string[];
}

/**
 * What the live lookup sends of a form being typed: the start of the title and the description. The
 * query travels in the URL, so a pasted text of 10,000 characters must not go along whole (the server
 * would refuse the request as too large); the start says enough to find similar requirements.
 */
export const SIMILAR_EXCERPT = { title: 200, description: 1_000 } as const;

/** The URL of the live lookup for what is typed, bounded by SIMILAR_EXCERPT. */
export function similarLookupUrl(query: { title: string; description: string; themenfeld: string; excludeId?: number }): string {
  const params = new URLSearchParams({
    title: query.title.slice(0, SIMILAR_EXCERPT.title),
    description: query.description.slice(0, SIMILAR_EXCERPT.description),
    themenfeld: query.themenfeld.slice(0, 100),
  });
  if (query.excludeId) params.set("exclude", String(query.excludeId));
  return `/anforderungen/aehnliche?${params}`;
}

/** Highlights the words a suggestion shares with what the user typed. */
function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  if (terms.length === 0) return <>{text}</>;
  const lower = terms.map((t) => t.toLowerCase());
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  return (
    <>
      {parts.map((part, i) => (lower.includes(part.toLowerCase()) ? <mark key={i}>{part}</mark> : <span key={i}>{part}</span>))}
    </>
  );
}

/** The id of the suggestions' heading, which the form's „… ähnliche Anforderungen ansehen“ link leads to. */
export const SIMILAR_HEADING_ID = "aehnliche-anforderungen";
/** The id of that link in the form, where the suggestions' „Zurück zum Formular“ leads back to. */
export const SIMILAR_JUMP_ID = "aehnliche-anforderungen-ansehen";

/**
 * Shown next to a form the user is filling in: the links open in a new tab, so following one
 * loses nothing typed. A screen reader hears only how many were found as the list changes (a
 * polite status), not every card again.
 */
export function SimilarRequirements({ items, loading, backTo }: { items: SimilarItem[]; loading?: boolean; backTo?: string }) {
  const { t } = useTranslation("requirements");
  return (
    <Card withBorder padding="md" aria-busy={loading ? "true" : "false"}>
      <Title order={2} size="h4" mb={4} id={SIMILAR_HEADING_ID} tabIndex={-1}>
        {t("form.similarTitle")}
      </Title>
      <Text size="sm" mb="sm">
        {t("form.similarIntro")}
      </Text>
      <VisuallyHidden role="status">{items.length === 0 ? t("form.similarNone") : t("form.similarFound", { count: items.length })}</VisuallyHidden>
      <div>
        {items.length === 0 ? (
          <Text size="sm">{t("form.similarNone")}</Text>
        ) : (
          <List spacing="sm" listStyleType="none" p={0}>
            {items.map((s) => (
              <List.Item key={s.id}>
                <Stack gap={2}>
                  <Anchor component={Link} to={`/anforderungen/${s.id}`} target="_blank" rel="noopener" fw={600}>
                    <Highlighted text={s.title} terms={s.sharedTerms} />
                    <VisuallyHidden> {t("form.opensInNewTab")}</VisuallyHidden>
                  </Anchor>
                  <Group gap={6}>
                    <Text size="xs">{s.organisationName}</Text>
                    <Badge size="xs" variant="light">
                      {t(`status.${s.status}`)}
                    </Badge>
                    <Text size="xs">
                      {t("fields.cosignatures")}: {s.cosignatures}
                    </Text>
                  </Group>
                  {s.sharedTerms.length > 0 && (
                    <Text size="xs">
                      {t("form.similarShared")} {s.sharedTerms.join(", ")}
                    </Text>
                  )}
                  {/* Only submitted requirements are suggested (never drafts): the own organisation's cannot be co-signed. */}
                  {s.own ? (
                    <Text size="sm" fw={600}>
                      {t("form.similarOwn")}
                    </Text>
                  ) : (
                    <Anchor component={Link} to={`/anforderungen/${s.id}#mitzeichnung`} target="_blank" rel="noopener" size="sm">
                      {t("form.openToCosign")} {t("form.opensInNewTab")}
                    </Anchor>
                  )}
                </Stack>
              </List.Item>
            ))}
          </List>
        )}
      </div>
      {backTo && items.length > 0 && (
        <Text size="sm" mt="sm" className="no-print">
          <Anchor href={`#${backTo}`} inherit>
            {t("form.similarBack")}
          </Anchor>
        </Text>
      )}
    </Card>
  );
}
