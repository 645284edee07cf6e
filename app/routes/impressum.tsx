import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

export const handle = { title: "common:imprint.title" };

export default function ImprintPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Title order={1}>{t("imprint.title")}</Title>
      <Title order={2} size="h3">
        {t("imprint.providerHeading")}
      </Title>
      <Text style={{ whiteSpace: "pre-line" }}>{t("imprint.provider")}</Text>
      <Title order={2} size="h3">
        {t("imprint.representedHeading")}
      </Title>
      <Text>{t("imprint.represented")}</Text>
      <Title order={2} size="h3">
        {t("imprint.supervisionHeading")}
      </Title>
      <Text>{t("imprint.supervision")}</Text>
    </Stack>
  );
}
