import { getFormProps, useForm } from "@conform-to/react";
import { Button, Group, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult } from "#app/components/forms";
import { PageSection } from "#app/components/PageSection";
import { ScrollTable } from "#app/components/ScrollTable";
import { ADDABLE_TEAM_ROLES } from "#app/modules/projects/workflow";
import { byOrganisation, errorsOf, type Project } from "./shared";

const MEMBER_DEFAULTS = { userId: "", role: "specialist" };

export function TeamSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const memberResult = useIntentResult("member");
  const memberGeneration = useFreshAfterSuccess("member", memberResult);
  // The defaults are conform's too: it resets the fields to its own defaults when the form starts
  // afresh after an add, and a role missing there would leave the select empty.
  const [form, fields] = useForm({ id: `project-member-${memberGeneration}`, lastResult: memberResult, defaultValue: MEMBER_DEFAULTS });
  const removeErrors = errorsOf(useIntentResult("removeMember"));
  const ineligibleCount = p.team.filter((m) => m.ineligible).length;
  // One person may hold several roles (a row each); the caption counts people, and roles where they differ.
  const people = new Set(p.team.map((m) => m.userId)).size;
  const caption = p.team.length > people ? t("team.captionRoles", { count: people, roles: p.team.length }) : t("team.caption", { count: people });
  return (
    <PageSection layout="card-stack" id="team" title={t("team.heading")}>
      <FormErrors errors={removeErrors} />
      {ineligibleCount > 0 && <Text>{t("team.ineligibleIntro", { count: ineligibleCount })}</Text>}
      {/* On a phone each member stacks: name, organisation, role, then the button. */}
      <ScrollTable label={caption} minWidth={520}>
        <Table withTableBorder striped captionSide="top" className="stack-table">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("team.name")}</Table.Th>
              <Table.Th scope="col">{t("team.organisation")}</Table.Th>
              <Table.Th scope="col">{t("team.role")}</Table.Th>
              {p.may.run && (
                <Table.Th scope="col" className="no-print">
                  {t("team.action")}
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.team.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Th scope="row" fw={500}>
                  {m.name}
                </Table.Th>
                <Table.Td data-label={t("team.organisation")}>{m.organisationName}</Table.Td>
                <Table.Td data-label={t("team.role")}>
                  {t(`teamRole.${m.role}`)}
                  {/* Under the role, whose column is wide anyway: under the name it would widen the table past its card. */}
                  {m.ineligible && <Text size="sm">{t(`team.ineligible.${m.ineligible}`)}</Text>}
                </Table.Td>
                {p.may.run && (
                  <Table.Td className={m.isLead ? "no-print stack-empty" : "no-print"}>
                    {!m.isLead && (
                      <Form method="post">
                        <input type="hidden" name="intent" value="removeMember" />
                        <input type="hidden" name="memberId" value={m.id} />
                        <Button type="submit" size="compact-sm" variant="default" aria-label={t("team.removeLabel", { name: m.name, role: t(`teamRole.${m.role}`) })}>
                          {t("team.remove")}
                        </Button>
                      </Form>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      {p.may.run && (
        <Form method="post" className="no-print" {...getFormProps(form)} key={form.key}>
          <Stack gap="xs">
            <Title order={3} size="h4">
              {t("team.add")}
            </Title>
            <FormErrors errors={form.errors} id={form.errorId} />
            <input type="hidden" name="intent" value="member" />
            {/* One under the other: the person's hint would push its select below the role's. */}
            <Stack gap="xs">
              <NativeSelect
                label={t("team.user")}
                description={t("team.userHint")}
                name={fields.userId.name}
                id={fields.userId.id}
                defaultValue={MEMBER_DEFAULTS.userId}
                data={[{ value: "", label: t("proposal.choose") }, ...byOrganisation(p.assignableUsers)]}
                error={fieldError(fields.userId.errors)}
              />
              <NativeSelect
                label={t("team.role")}
                name={fields.role.name}
                id={fields.role.id}
                defaultValue={MEMBER_DEFAULTS.role}
                data={ADDABLE_TEAM_ROLES.map((r) => ({ value: r, label: t(`teamRole.${r}`) }))}
                error={fieldError(fields.role.errors)}
              />
            </Stack>
            <Group>
              <Button type="submit" variant="default">
                {t("team.addSubmit")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
    </PageSection>
  );
}
