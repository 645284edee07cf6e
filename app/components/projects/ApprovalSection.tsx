import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { ConfirmedIntentForm, useIntentResult } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import type { Project } from "./shared";

function ApproveForm() {
  const { t } = useTranslation("projects");
  return (
    <ConfirmedIntentForm
      id="project-approve"
      intent="approve"
      lastResult={useIntentResult("approve")}
      label={t("approval.approve")}
      question={t("approval.question")}
      confirmLabel={t("approval.confirm")}
    />
  );
}

export function ApprovalSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  return (
    <PageSection layout="card-stack" id="freigabe" title={t("approval.heading")}>
      <Text>{t("approval.rule")}</Text>
      <Text fw={600}>{t("approval.count", { count: p.approvals.length })}</Text>
      {p.approvals.length > 0 && (
        <List>
          {p.approvals.map((a) => (
            <List.Item key={`${a.name}-${a.at}`}>{t("approval.by", { name: a.name, at: fmt.dateTime(a.at) })}</List.Item>
          ))}
        </List>
      )}
      {p.status === "requested" && p.approvals.some((a) => a.own) && <Text>{t("approval.youApproved")}</Text>}
      {p.may.approve && <ApproveForm />}
    </PageSection>
  );
}
