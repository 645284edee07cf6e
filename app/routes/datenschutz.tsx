import { List, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

export const handle = { title: "common:privacy.title" };

export default function PrivacyPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={760}>
      <Title order={1}>{t("privacy.title")}</Title>
      <Text>{t("privacy.intro")}</Text>
      <Title order={2} size="h3">
        {t("privacy.dataHeading")}
      </Title>
      <List>
        <List.Item>{t("privacy.data1")}</List.Item>
        <List.Item>{t("privacy.data2")}</List.Item>
        <List.Item>{t("privacy.data3")}</List.Item>
      </List>
      <Title order={2} size="h3">
        {t("privacy.cookiesHeading")}
      </Title>
      <Text>{t("privacy.cookies")}</Text>
      <Title order={2} size="h3">
        {t("privacy.rightsHeading")}
      </Title>
      <Text>{t("privacy.rights")}</Text>
    </Stack>
  );
}
