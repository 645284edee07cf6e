import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Alert, Anchor, Button, Card, Checkbox, FileInput, Grid, Group, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormErrors, LimitedTextarea, LimitedTextInput, useFieldError } from "#app/components/forms";
import { KeptDraft } from "#app/components/KeptDraft";
import { useUnsavedChanges } from "#app/components/UnsavedChanges";
import { ATTACHMENT_ACCEPT, fileRefusalKey } from "#app/modules/requirements/filetype";
import { LIMITS, requirementFormSchema } from "#app/modules/requirements/schema";
import { messageWithValues } from "#app/utils/messages";
import { THEMENFELDER, URGENCIES } from "#app/modules/requirements/topics";
import { SIMILAR_HEADING_ID, SIMILAR_JUMP_ID, SimilarRequirements, similarLookupUrl, type SimilarItem } from "./SimilarRequirements";

export interface RequirementDefaults {
  title: string;
  problem: string;
  desiredOutcome: string;
  themenfeld: string;
  system: string | null;
  legalBasis: string | null;
  deadline: string | null;
  benefit: string;
  urgency: string;
  confidential: boolean;
}

interface Props {
  mode: "new" | "edit";
  lastResult?: SubmissionResult<string[]> | null;
  defaults?: RequirementDefaults;
  version?: number;
  clientKey?: string;
  requiresRelease: boolean;
  excludeId?: number;
  similar?: SimilarItem[] | null;
  conflict?: { changed: { field: string; value: string }[] } | null;
  cancelTo: string;
  /** What the message at the file field names (the refused file). */
  fileErrorValues?: Record<string, string>;
  /** Files sent with a refused form: a browser without JavaScript shows the form again without them. */
  filesNotSaved?: string[];
}

/** Mantine's VisuallyHidden class, on an element of our own (Mantine's component renders no button). */
const VISUALLY_HIDDEN = "m_515a97f8 mantine-VisuallyHidden-root";

/** What the form keeps in the tab until it is sent (the version, so a restored edit meets the conflict check). */
const KEPT_FIELDS = ["title", "problem", "desiredOutcome", "themenfeld", "urgency", "system", "legalBasis", "deadline", "benefit", "confidential", "version"];

export function RequirementForm(props: Props) {
  const { t } = useTranslation("requirements");
  const fieldError = useFieldError();
  const navigation = useNavigation();
  const lastIntent = useRef("save");
  // The chosen files' refusal, checked in the browser by the server's rule (size, type by content).
  const fileRefusal = useRef<string | null>(null);
  const checkFiles = async (files: File[]) => {
    fileRefusal.current = null;
    for (const f of files) {
      const key = fileRefusalKey(f.size, new Uint8Array(await f.slice(0, 16).arrayBuffer()), f.name);
      if (key) {
        fileRefusal.current = messageWithValues(key, files.length > 1 ? { name: f.name, context: "several" } : { name: f.name });
        return;
      }
    }
  };
  const [form, fields] = useForm({
    id: `requirement-${props.mode}`,
    lastResult: props.lastResult,
    defaultValue: props.defaults
      ? { ...props.defaults, system: props.defaults.system ?? "", legalBasis: props.defaults.legalBasis ?? "", deadline: props.defaults.deadline ?? "", confidential: props.defaults.confidential ? "on" : undefined }
      : undefined,
    onValidate: ({ formData }) => {
      // Checking again while typing sends no button: keep to the rules of the last one pressed, so the
      // messages of a refused submit stay until the field is filled.
      const rechecking = !formData.has("intent");
      if (rechecking) formData.set("intent", lastIntent.current);
      const submission = parseWithZod(formData, { schema: requirementFormSchema });
      // Held back for a field, the form would name a refused file only on a second round: name it now
      // (and keep naming it while the fields are corrected). Sent with the fields in order, the server
      // checks the files (and similar requirements) in one answer.
      const refusal = fileRefusal.current;
      if (!refusal || (submission.status === "success" && !rechecking)) return submission;
      const withFile = z.preprocess((raw, ctx) => {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["files"], message: refusal });
        return raw;
      }, requirementFormSchema);
      return parseWithZod(formData, { schema: withFile });
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<AbortController | null>(null);
  const [liveShown, setLiveShown] = useState(false);
  const [live, setLive] = useState<SimilarItem[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [chosenFiles, setChosenFiles] = useState(0);
  const similarAlert = useRef<HTMLDivElement>(null);
  // Typed text is not lost by a link or Back unnoticed; saving and submitting are never held up.
  const unsaved = useUnsavedChanges(formRef, chosenFiles > 0);

  // While typing, ask the engine for similar requirements (debounced). A plain fetch, not a fetcher:
  // a failed lookup (too many requests, a lost connection, signed out meanwhile) only leaves the
  // suggestions as they were; it must never replace the form with the error page and lose the text.
  const lookup = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const el = formRef.current;
      if (!el) return;
      const data = new FormData(el);
      const title = String(data.get("title") ?? "");
      const problem = String(data.get("problem") ?? "");
      if ((title + problem).trim().length < 4) return;
      const url = similarLookupUrl({ title, description: problem, themenfeld: String(data.get("themenfeld") ?? ""), excludeId: props.excludeId });
      pending.current?.abort();
      const request = new AbortController();
      pending.current = request;
      setLoading(true);
      fetch(url, { signal: request.signal, headers: { Accept: "application/json" } })
        .then((res) => (res.ok ? (res.json() as Promise<{ items?: unknown }>) : null))
        .then((body) => {
          if (request.signal.aborted || !body || !Array.isArray(body.items)) return;
          setLive(body.items as SimilarItem[]);
          setLiveShown(true);
        })
        .catch(() => undefined)
        .finally(() => {
          if (pending.current === request) setLoading(false);
        });
    }, 400);
  };
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      pending.current?.abort();
    },
    [],
  );

  // Refused for similar requirements: the user is told at once, whatever the live panel shows meanwhile.
  // conform puts the focus on the first field with a message; otherwise it goes to the explanation.
  useEffect(() => {
    if (!props.similar?.length) return;
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (!(active instanceof HTMLElement && active.getAttribute("aria-invalid") === "true")) similarAlert.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [props.similar]);

  const similar = live ?? props.similar ?? null;
  const busy = navigation.state === "submitting";
  // The message at the file field names the refused file (the action gives its name apart from conform's error key).
  const fileErrors = (fields as unknown as Record<string, { errors?: string[] } | undefined>).files?.errors;
  const submitLabel = props.similar && props.similar.length > 0 ? t("form.submitAnyway") : t("form.submit");

  return (
    <Grid gutter="xl">
      {unsaved.dialog}
      <Grid.Col span={{ base: 12, lg: 8 }}>
        <Form
          method="post"
          encType="multipart/form-data"
          {...getFormProps(form)}
          ref={formRef}
          onChange={lookup}
          onSubmit={(event) => {
            const submitter = (event.nativeEvent as SubmitEvent).submitter;
            lastIntent.current = submitter?.getAttribute("value") === "submit" ? "submit" : "save";
            getFormProps(form).onSubmit(event);
            // Refused in the browser (conform prevented it): nothing is sent, leaving still asks.
            if (!event.defaultPrevented) unsaved.sending();
          }}
        >
          {/* Enter in a one-line field presses the form's first submit button: that must save the draft,
              never submit it to the association. Hidden and out of the tab order; the visible buttons keep their order. */}
          <button type="submit" name="intent" value="save" tabIndex={-1} aria-hidden disabled={busy} className={VISUALLY_HIDDEN}>
            {t("form.saveDraft")}
          </button>
          <Stack gap="md">
            <KeptDraft formRef={formRef} name={props.mode === "new" ? "requirement-new" : `requirement-edit-${props.excludeId}`} fields={KEPT_FIELDS} />
            {props.conflict && (
              <Alert color="orange" role="alert" title={t("form.conflictTitle")}>
                {t("form.conflictText")}
                <List size="sm" mt="xs">
                  {props.conflict.changed.map((c) => (
                    <List.Item key={c.field}>
                      <strong>{t(`fields.${c.field}`)}:</strong> {c.value || "–"}
                    </List.Item>
                  ))}
                </List>
                {t("form.conflictHint")}
              </Alert>
            )}
            {props.similar && props.similar.length > 0 && (
              <Alert color="blue" role="alert" ref={similarAlert} tabIndex={-1}>
                {t("form.similarFoundBeforeSubmit")}
                {props.lastResult?.error && Object.values(props.lastResult.error).some((e) => e?.length) ? ` ${t("form.similarAndErrors")}` : null}
              </Alert>
            )}
            <Text size="sm">{t("form.requiredHint")}</Text>
            <FormErrors errors={form.errors} id={form.errorId} />
            {props.version !== undefined && <input type="hidden" name="version" value={props.version} />}
            {props.clientKey && <input type="hidden" name="clientKey" value={props.clientKey} />}
            {(liveShown || (props.similar && props.similar.length > 0)) && <input type="hidden" name="similarChecked" value="1" />}
            <LimitedTextInput
              label={t("fields.title")}
              description={t("fields.titleHint")}
              name={fields.title.name}
              defaultValue={fields.title.initialValue as string | undefined}
              required
              limit={LIMITS.title}
              error={fieldError(fields.title.errors)}
            />
            <LimitedTextarea
              label={t("fields.problem")}
              limit={LIMITS.problem}
              name={fields.problem.name}
              defaultValue={fields.problem.initialValue as string | undefined}
              withAsterisk
              autosize
              minRows={4}
              error={fieldError(fields.problem.errors)}
            />
            {/* The suggestions stand beside (or below) the form: a keyboard way there from where they arise. */}
            {similar && similar.length > 0 && (
              <Anchor href={`#${SIMILAR_HEADING_ID}`} id={SIMILAR_JUMP_ID} size="sm" className="no-print">
                {t("form.similarJump", { count: similar.length })}
              </Anchor>
            )}
            <LimitedTextarea
              label={t("fields.desiredOutcome")}
              limit={LIMITS.desiredOutcome}
              name={fields.desiredOutcome.name}
              defaultValue={fields.desiredOutcome.initialValue as string | undefined}
              withAsterisk
              autosize
              minRows={3}
              error={fieldError(fields.desiredOutcome.errors)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t("fields.themenfeld")}
                name={fields.themenfeld.name}
                defaultValue={(fields.themenfeld.initialValue as string | undefined) ?? ""}
                withAsterisk
                error={fieldError(fields.themenfeld.errors)}
                data={[{ value: "", label: t("form.chooseThemenfeld") }, ...THEMENFELDER.map((v) => ({ value: v, label: v }))]}
              />
              <NativeSelect
                label={t("fields.urgency")}
                name={fields.urgency.name}
                defaultValue={(fields.urgency.initialValue as string | undefined) || "medium"}
                withAsterisk
                error={fieldError(fields.urgency.errors)}
                data={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <LimitedTextInput
                label={`${t("fields.system")} (${t("fields.optional")})`}
                name={fields.system.name}
                defaultValue={fields.system.initialValue as string | undefined}
                limit={LIMITS.system}
                error={fieldError(fields.system.errors)}
              />
              <LimitedTextInput
                label={`${t("fields.legalBasis")} (${t("fields.optional")})`}
                name={fields.legalBasis.name}
                defaultValue={fields.legalBasis.initialValue as string | undefined}
                limit={LIMITS.legalBasis}
                error={fieldError(fields.legalBasis.errors)}
              />
            </SimpleGrid>
            <TextInput
              type="date"
              label={`${t("fields.deadline")} (${t("fields.optional")})`}
              description={t("fields.deadlineHint")}
              name={fields.deadline.name}
              defaultValue={fields.deadline.initialValue as string | undefined}
              error={fieldError(fields.deadline.errors)}
              maw={260}
            />
            <LimitedTextarea
              label={t("fields.benefit")}
              limit={LIMITS.benefit}
              name={fields.benefit.name}
              defaultValue={fields.benefit.initialValue as string | undefined}
              withAsterisk
              autosize
              minRows={2}
              error={fieldError(fields.benefit.errors)}
            />
            <Checkbox
              label={t("fields.confidential")}
              description={t("fields.confidentialHint")}
              name={fields.confidential.name}
              defaultChecked={fields.confidential.initialValue === "on"}
            />
            {props.mode === "new" && (
              <FileInput
                label={`${t("fields.attachments")} (${t("fields.optional")})`}
                description={
                  props.filesNotSaved?.length && chosenFiles === 0 ? (
                    <>
                      {t("fields.attachmentsHint")} <strong>{t("fields.attachmentsChooseAgain", { names: props.filesNotSaved.join(", ") })}</strong>
                    </>
                  ) : (
                    t("fields.attachmentsHint")
                  )
                }
                name="files"
                multiple
                onChange={(value) => {
                  setChosenFiles(value.length);
                  void checkFiles(value);
                }}
                clearable
                clearButtonProps={{ "aria-label": t("fields.attachmentsClear") }}
                placeholder={t("fields.attachmentsPlaceholder")}
                accept={ATTACHMENT_ACCEPT}
                // The browser's message carries the file's name; the server's comes with fileErrorValues.
                error={fileErrors?.length ? (fileErrors[0].includes("?") ? fieldError(fileErrors) : t(fileErrors[0], props.fileErrorValues)) : undefined}
              />
            )}
            {props.requiresRelease && (
              <Alert color="gray" variant="light">
                {t("form.releaseNote")}
              </Alert>
            )}
            <Group>
              <Button type="submit" name="intent" value="submit" loading={busy}>
                {submitLabel}
              </Button>
              <Button type="submit" name="intent" value="save" variant="default" disabled={busy}>
                {t("form.saveDraft")}
              </Button>
              <Button component={Link} to={props.cancelTo} variant="subtle">
                {t("form.cancel")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        {similar !== null ? (
          <SimilarRequirements items={similar} loading={loading} backTo={SIMILAR_JUMP_ID} />
        ) : (
          props.mode === "new" && (
            // Without JavaScript nothing is looked up while typing: the server checks on „Einreichen“
            // (anforderungen.neu) and shows what it found before anything is filed. Said, not offered.
            <noscript>
              <Card withBorder padding="md">
                <Title order={2} size="h4" mb={4}>
                  {t("form.similarTitle")}
                </Title>
                <Text size="sm">{t("form.similarOnSubmit")}</Text>
              </Card>
            </noscript>
          )
        )}
      </Grid.Col>
    </Grid>
  );
}
