import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Anchor, Button, Card, Checkbox, Group, NativeSelect, Stack, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { FormErrors, useFieldError, WholeNumberInput, LimitedTextInput } from "#app/components/forms";
import { requirePermission } from "#app/modules/auth/guard.server";
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from "#app/modules/organisations/organisations.server";
import { belongsToDistrict, DISTRICT_KINDS, ORGANISATION_KINDS, organisationEditSchema, organisationSchema } from "#app/modules/organisations/schema";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import { redirectWithToast } from "#app/utils/toast.server";
import type { RouteHandle } from "#app/utils/title";
import type { z } from "zod";

export const handle: RouteHandle = {
  title: (data, t) => {
    const org = (data as { organisation?: { name: string } | null } | undefined)?.organisation;
    return org ? t("admin:organisations.editTitle", { name: org.name }) : t("admin:organisations.newTitle");
  },
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "admin:organisations");
  const isNew = params.id === "neu";
  const id = isNew ? null : idParam(params.id);
  const db = getDb();
  const [organisation, all] = await orRespond(Promise.all([id === null ? null : getOrganisation(db, id), listOrganisations(db)]));
  const districts = all
    .filter((o) => DISTRICT_KINDS.includes(o.kind) && o.id !== id)
    .map((o) => ({ id: o.id, name: o.name }));
  return {
    organisation: organisation && {
      id: organisation.id,
      name: organisation.name,
      kind: organisation.kind,
      districtId: organisation.district_id,
      population: organisation.population,
      requiresRelease: organisation.requires_release,
      active: organisation.active,
      version: organisation.version,
    },
    districts,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "admin:organisations");
  const isNew = params.id === "neu";
  const id = isNew ? null : idParam(params.id);
  const { submission } = await parseForm(request, isNew ? organisationSchema : organisationEditSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const { version, ...input } = submission.value as z.infer<typeof organisationSchema> & { version?: number };
  try {
    if (id === null) await createOrganisation(getDb(), actor, input);
    // The edit schema requires the version the form was read at.
    else await updateOrganisation(getDb(), actor, id, { ...input, version: version! });
  } catch (error) {
    return errorReply(submission, error);
  }
  return redirectWithToast("/verwaltung/organisationen", {
    type: "success",
    messageKey: isNew ? "admin:organisations.created" : "admin:organisations.saved",
    values: { name: input.name },
  });
}

export default function OrganisationEditPage() {
  const { organisation, districts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `organisation-${organisation?.id ?? "new"}`,
    lastResult,
    defaultValue: {
      name: organisation?.name ?? "",
      kind: organisation?.kind ?? "",
      districtId: organisation?.districtId != null ? String(organisation.districtId) : "",
      population: organisation?.population != null ? String(organisation.population) : "",
      requiresRelease: organisation?.requiresRelease ? "on" : undefined,
      active: organisation ? (organisation.active ? "on" : undefined) : "on",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: organisation ? organisationEditSchema : organisationSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // The district field offers what the chosen kind allows: a Landkreis or the Regionalverband for
  // Städte and Gemeinden, "Keiner" for all others (the server checks the same).
  const [kind, setKind] = useState((fields.kind.initialValue as string | undefined) ?? "");
  const inDistrict = kind === "" || belongsToDistrict(kind);
  const title = organisation ? t("organisations.editTitle", { name: organisation.name }) : t("organisations.newTitle");
  return (
    <Stack maw={640}>
      <Anchor component={Link} to="/verwaltung/organisationen" className="no-print">
        {t("organisations.back")}
      </Anchor>
      <Title order={2}>{title}</Title>
      <Card withBorder padding="lg">
        <Form method="post" {...getFormProps(form)} key={form.key}>
          <Stack gap="sm">
            <FormErrors errors={form.errors} id={form.errorId} />
            {organisation && <input type="hidden" name="version" value={organisation.version} />}
            <LimitedTextInput
              label={t("organisations.name")}
              name={fields.name.name}
              defaultValue={fields.name.initialValue as string | undefined}
              required
              limit={120}
              error={fieldError(fields.name.errors)}
            />
            <NativeSelect
              label={t("organisations.kind")}
              name={fields.kind.name}
              defaultValue={(fields.kind.initialValue as string | undefined) ?? ""}
              required
              onChange={(e) => setKind(e.currentTarget.value)}
              error={fieldError(fields.kind.errors)}
              data={[
                { value: "", label: t("common.choose") },
                ...ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) })),
              ]}
            />
            <NativeSelect
              key={inDistrict ? "district" : "none"}
              label={t("organisations.district")}
              description={t(inDistrict ? "organisations.districtHint" : "organisations.districtNoneHint")}
              name={fields.districtId.name}
              defaultValue={inDistrict ? ((fields.districtId.initialValue as string | undefined) ?? "") : ""}
              required={kind !== "" && inDistrict}
              error={fieldError(fields.districtId.errors)}
              data={
                inDistrict
                  ? [{ value: "", label: kind === "" ? t("organisations.noDistrict") : t("common.choose") }, ...districts.map((d) => ({ value: String(d.id), label: d.name }))]
                  : [{ value: "", label: t("organisations.noDistrict") }]
              }
            />
            <WholeNumberInput
              label={t("organisations.population")}
              name={fields.population.name}
              defaultValue={fields.population.initialValue as string | undefined}
              error={fieldError(fields.population.errors)}
            />
            <Checkbox
              label={t("organisations.requiresRelease")}
              description={t("organisations.requiresReleaseHint")}
              name={fields.requiresRelease.name}
              defaultChecked={fields.requiresRelease.initialValue === "on"}
            />
            <Checkbox
              label={t("organisations.active")}
              description={t("organisations.activeHint")}
              name={fields.active.name}
              defaultChecked={fields.active.initialValue === "on"}
            />
            <Group>
              <Button type="submit" loading={navigation.state === "submitting"}>
                {organisation ? t("common.save") : t("organisations.create")}
              </Button>
              <Button component={Link} to="/verwaltung/organisationen" variant="default">
                {t("common.cancel")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Card>
    </Stack>
  );
}
