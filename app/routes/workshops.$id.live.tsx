import { getFormProps, useForm } from "@conform-to/react";
import { isolateBidi } from "#app/modules/i18n/bidi";
import { parseWithZod } from "@conform-to/zod";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  List,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { resultFor, useDateFormat } from "#app/components/bundling";
import { ConfirmedIntentForm, ConfirmedSubmit, fetcherResult, FormErrors, useFieldError, LimitedTextarea } from "#app/components/forms";
import { useWorkshopEvents } from "#app/components/workshops/LiveUpdates";
import { CURRENT_ITEM_HEADING_ID as CURRENT_HEADING_ID, focusAfterStep, MINUTES_HEADING_ID, submitThen } from "#app/components/stepFocus";
import { ScoreForm } from "#app/components/workshops/ScoreForm";
import { holdersOf, type TakenRank, useRankTakenText } from "#app/components/workshops/RankTaken";
import { CandidateFacts } from "#app/components/workshops/CandidateFacts";
import { badgeStyles, CandidateBadge, ItemStateBadge, ResultTable, WorkshopStatusBadge } from "#app/components/workshops/WorkshopBits";
import { StartWorkshopForm } from "#app/components/workshops/StartWorkshopForm";
import { requireAuth } from "#app/modules/auth/session.server";
import { decideFormSchema, liveActionSchema } from "#app/modules/workshops/schema";
import { firstDeferralDate } from "#app/utils/time";
import {
  decideItem,
  endWorkshop,
  getWorkshopState,
  openItem,
  presenceOf,
  reopenItem,
  revealItem,
  saveNotes,
  startWorkshop,
  submitScores,
  type WorkshopState,
} from "#app/modules/workshops/workshops.server";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import type { RouteHandle } from "#app/utils/title";
import { redirectWithToast } from "#app/utils/toast.server";
import { idParam } from "#app/utils/params.server";
import { PageSection } from "#app/components/PageSection";
import { useUnsavedChanges } from "#app/components/UnsavedChanges";

export const handle: RouteHandle & { i18n: string[] } = {
  title: (d, t) => t("workshops:live.pageTitle", { title: (d as { workshop?: { title: string } } | undefined)?.workshop?.title ?? "" }),
  i18n: ["workshops", "bundling"],
};


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireAuth(request);
  const id = idParam(params.id);
  return orRespond(getWorkshopState(getDb(), actor, id, { presence: presenceOf(id), withFacts: true }));
}

/** Every workshop action of the overview and the live view; the use cases check who may do what. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireAuth(request);
  const id = idParam(params.id);
  const { submission } = await parseForm(request, liveActionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const db = getDb();
  const live = `/workshops/${id}/live`;
  try {
    switch (input.intent) {
      case "score":
        await submitScores(db, actor, id, input);
        break;
      case "open":
        await openItem(db, actor, id, input.itemId, input);
        break;
      case "reveal":
        await revealItem(db, actor, id, input.itemId, { confirmed: input.confirm === "yes", notesItemId: input.notesItemId, notes: input.notes });
        break;
      case "reopen":
        await reopenItem(db, actor, id, input.itemId);
        break;
      case "notes":
        await saveNotes(db, actor, id, input.itemId, input.notes);
        break;
      case "decide":
        await decideItem(db, actor, id, input);
        break;
      case "start":
        await startWorkshop(db, actor, id);
        return redirectWithToast(live, { type: "success", messageKey: "workshops:toast.started" });
      case "end":
        await endWorkshop(db, actor, id, input);
        return redirectWithToast(`/workshops/${id}/protokoll`, { type: "success", messageKey: "workshops:toast.ended" });
    }
  } catch (error) {
    return errorReply(submission, error);
  }
  // Fetcher forms stay on the page (their submission re-reads the data); a plain form post comes back here.
  // The success reply clears the messages of an earlier failed try (scores, decision) in the form.
  if (request.headers.get("Accept")?.includes("text/html")) return redirect(live);
  return data({ ...submission.reply(), ok: true, intent: input.intent });
}

type State = WorkshopState;
type Item = State["items"][number];

/** Discussion notes typed but not saved: the next step of the session carries them to the server. */
type Carried = { notesItemId: number; notes: string } | null;

function CarriedNotes({ carried }: { carried: Carried }) {
  if (!carried) return null;
  return (
    <>
      <input type="hidden" name="notesItemId" value={carried.notesItemId} />
      <input type="hidden" name="notes" value={carried.notes} />
    </>
  );
}

/** A one-button form posted by a fetcher: the page does not navigate, the stream brings the update. */
function IntentButton({
  action,
  intent,
  itemId,
  label,
  variant,
  color,
  carried = null,
  focusTarget,
}: {
  action: string;
  intent: string;
  itemId?: number;
  label: string;
  variant?: string;
  color?: string;
  carried?: Carried;
  /** the element that shows the step's result, focused once it has gone through */
  focusTarget: string;
}) {
  const fetcher = useFetcher();
  const errors = (fetcher.data as { error?: Record<string, string[]> } | undefined)?.error?.[""];
  return (
    <fetcher.Form method="post" action={action} onSubmit={() => focusAfterStep(focusTarget)}>
      <input type="hidden" name="intent" value={intent} />
      {itemId !== undefined && <input type="hidden" name="itemId" value={itemId} />}
      <CarriedNotes carried={carried} />
      <Button type="submit" variant={variant} color={color} loading={fetcher.state !== "idle"} size="sm">
        {label}
      </Button>
      <FormErrors errors={errors} />
    </fetcher.Form>
  );
}

/** Where the focus goes after the session's steps (see stepFocus). */
const RESULT_HEADING_ID = "ergebnis-h";
const DECISION_ID = "entscheidung";

function DecisionText({ item, ranksTaken }: { item: Item; ranksTaken: TakenRank[] }) {
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  const rankTakenText = useRankTakenText();
  if (!item.decision) return null;
  const shared = item.decision === "prioritise" && item.rank !== null ? rankTakenText("shared", item.rank, holdersOf(ranksTaken, item.rank, item.candidateId)) : "";
  return (
    <Alert
      id={DECISION_ID}
      color={item.decision === "prioritise" ? "teal" : item.decision === "defer" ? "orange" : "red"}
      variant="light"
      title={t("decision.recorded")}
      styles={{ title: badgeStyles.label }}
    >
      <Text fw={600}>
        {item.decision === "prioritise"
          ? t("decision.prioritisedRank", { rank: item.rank })
          : item.decision === "defer"
            ? t("decision.deferredUntil", { date: item.deferredUntil ? fmt.date(item.deferredUntil) : "–" })
            : t("decision.rejected")}
      </Text>
      {shared && <Text>{shared}</Text>}
      <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{t("decision.rationaleIs", { rationale: item.rationale })}</Text>
    </Alert>
  );
}

/**
 * The moderator's notes. The text lives in the page (not in the field), so a live update re-reading
 * the page never replaces what is being typed; unsaved text is marked and travels with the next step.
 */
function NotesForm({
  action,
  item,
  value,
  unsaved,
  restored,
  onChange,
}: {
  action: string;
  item: Item;
  value: string;
  unsaved: boolean;
  /** the text came back from this tab's session storage (the page was reloaded or left before saving) */
  restored: boolean;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation("workshops");
  const fetcher = useFetcher<{ ok?: boolean }>();
  const fieldError = useFieldError();
  return (
    <fetcher.Form method="post" action={action} key={item.id} onSubmit={() => focusAfterStep(`notes-save-${item.id}`)}>
      <input type="hidden" name="intent" value="notes" />
      <input type="hidden" name="itemId" value={item.id} />
      <Stack gap="xs">
        <LimitedTextarea
          label={t("moderation.notes")}
          description={t("moderation.notesHint")}
          name="notes"
          value={value}
          onChange={(event) => onChange(event.currentTarget.value)}
          autosize
          minRows={3}
          limit={10_000}
          error={fieldError(fetcherResult(fetcher.data)?.error?.notes ?? undefined)}
        />
        <Group>
          <Button type="submit" variant="default" size="sm" loading={fetcher.state !== "idle"} id={`notes-save-${item.id}`}>
            {t("moderation.saveNotes")}
          </Button>
          <Text size="sm" role="status" fw={unsaved ? 600 : undefined} c={unsaved ? "var(--mantine-color-orange-text)" : undefined} data-testid="notes-status">
            {unsaved ? [...(restored ? [t("moderation.notesRestored")] : []), t("moderation.notesUnsaved")].join(" ") : fetcher.state === "idle" && fetcher.data?.ok ? t("moderation.notesSaved") : ""}
          </Text>
        </Group>
      </Stack>
    </fetcher.Form>
  );
}

/**
 * Revealing cannot be taken back: while not everyone expected has scored (or nobody has), the button
 * asks first and names how many have; once all have, it reveals at once. The server checks the same
 * and, refusing, names its own numbers: they count whoever arrived after this page last heard.
 */
function RevealForm({ action, item, carried }: { action: string; item: Item; carried: Carried }) {
  const { t } = useTranslation("workshops");
  const fetcher = useFetcher<{ details?: { scored?: unknown; expected?: unknown } }>();
  const [form, fields] = useForm({ id: `reveal-${item.id}-${item.round}`, lastResult: fetcherResult(fetcher.data), shouldValidate: "onSubmit" });
  const told = fetcher.data?.details;
  const progress =
    fields.confirm.errors?.length && typeof told?.scored === "number" && typeof told.expected === "number"
      ? { scored: told.scored, expected: told.expected }
      : { scored: item.scoredCount, expected: item.expectedCount };
  // With one or two scores the distribution tells who scored what: the moderator is told before revealing.
  const question =
    progress.scored === 0
      ? t("moderation.revealNobody")
      : [t("moderation.revealQuestion", { count: progress.scored, expected: progress.expected }), ...(progress.scored <= 2 ? [t("moderation.revealFew")] : [])].join(" ");
  return (
    <fetcher.Form method="post" action={action} {...getFormProps(form)} onSubmit={submitThen(form.onSubmit, RESULT_HEADING_ID)}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="reveal" />
        <input type="hidden" name="itemId" value={item.id} />
        <CarriedNotes carried={carried} />
        <ConfirmedSubmit
          formId={form.id}
          label={t("moderation.reveal")}
          question={question}
          confirmLabel={t("moderation.revealConfirm")}
          needsConfirm={!!fields.confirm.errors?.length}
          ask={!item.scoringComplete && fetcher.state === "idle"}
        />
      </Stack>
    </fetcher.Form>
  );
}

function DecideForm({ action, item, ranksTaken, carried }: { action: string; item: Item; ranksTaken: TakenRank[]; carried: Carried }) {
  const { t } = useTranslation("workshops");
  const fieldError = useFieldError();
  const fetcher = useFetcher();
  // Checked here before the question, so a missing rank or date shows at its field (the server names
  // them only once the decision is confirmed); the server checks everything again.
  const [form, fields] = useForm({
    id: `decide-${item.id}`,
    lastResult: fetcherResult(fetcher.data),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: decideFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // The decision goes into the minutes and to every organisation involved: the button asks again.
  const [choice, setChoice] = useState<string | null>(null);
  // Which candidate of the team already holds the typed rank, told at the field before saving. Saving
  // still goes through (a tie may be meant); the ranked list then says the rank was given twice.
  const [rank, setRank] = useState("");
  const rankTakenText = useRankTakenText();
  const holders = holdersOf(ranksTaken, rank, item.candidateId);
  const rankTaken = holders.length ? rankTakenText("taken", Number(rank), holders) : "";
  // The ranks other candidates of the team hold, named before anything is typed.
  const given = [...new Set(ranksTaken.filter((r) => r.candidateId !== item.candidateId).map((r) => r.rank))].sort((a, b) => a - b);
  const otherErrors = [fields.decision, fields.rank, fields.deferredUntil, fields.rationale].some((f) => f.errors?.length);
  return (
    <fetcher.Form method="post" action={action} {...getFormProps(form)} onSubmit={submitThen(form.onSubmit, DECISION_ID)} aria-labelledby={`decide-${item.id}-h`}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={`decide-${item.id}-h`}>
          {t("decision.heading")}
        </Title>
        <FormErrors errors={form.errors} />
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="itemId" value={item.id} />
        <CarriedNotes carried={carried} />
        <Radio.Group
          name="decision"
          label={t("decision.label")}
          withAsterisk
          error={fieldError(fields.decision.errors)}
          data-invalid={fields.decision.errors?.length ? "true" : undefined}
          onChange={(value) => {
            setChoice(value);
            // A message at the rank or date may no longer hold for the new choice (a missing rank once
            // deferring): both are checked again, so a stale one goes and a still valid one stays.
            if (fields.rank.errors?.length) form.validate({ name: fields.rank.name });
            if (fields.deferredUntil.errors?.length) form.validate({ name: fields.deferredUntil.name });
          }}
        >
          <Group gap="lg" mt={4}>
            <Radio value="prioritise" label={t("decision.prioritise")} />
            <Radio value="defer" label={t("decision.defer")} />
            <Radio value="reject" label={t("decision.reject")} />
          </Group>
        </Radio.Group>
        {/* Required only for the choice that needs them: the button's validity check then lets the
            form report a missing rank or date at its field instead of asking about an incomplete decision. */}
        <Group grow align="flex-start">
          <TextInput
            label={t("decision.rank")}
            description={
              <>
                {t("decision.rankHint")}
                {given.length > 0 && <span style={{ display: "block" }}>{t("decision.ranksGiven", { ranks: given.join(", "), count: given.length })}</span>}
                {/* Always there, so a screen reader hears the hint as the rank is typed. */}
                <span aria-live="polite" aria-atomic="true" data-testid="rank-taken" style={{ display: "block", color: rankTaken ? "var(--mantine-color-text)" : undefined, fontWeight: rankTaken ? 600 : undefined }}>
                  {rankTaken}
                </span>
              </>
            }
            onChange={(event) => setRank(event.currentTarget.value)}
            name="rank"
            type="number"
            min={1}
            max={999}
            inputMode="numeric"
            required={choice === "prioritise"}
            error={fieldError(fields.rank.errors)}
          />
          <TextInput
            label={t("decision.until")}
            description={t("decision.untilHint")}
            name="deferredUntil"
            type="date"
            min={choice === "defer" ? firstDeferralDate() : undefined}
            required={choice === "defer"}
            error={fieldError(fields.deferredUntil.errors)}
          />
        </Group>
        <LimitedTextarea label={t("decision.rationale")} description={t("decision.rationaleHint")} name="rationale" required autosize minRows={2} limit={5_000} error={fieldError(fields.rationale.errors)} />
        <ConfirmedSubmit
          formId={form.id}
          label={t("decision.submit")}
          question={t("decision.confirmQuestion", { decision: choice ? t(`decision.${choice}`) : "", title: item.candidateTitle })}
          confirmLabel={t("decision.confirm")}
          // The server's answer when the confirmation is missing (the browser's check leaves it out).
          needsConfirm={!!form.allErrors.confirm?.length && !otherErrors}
          ask={choice !== null && fetcher.state === "idle"}
        />
      </Stack>
    </fetcher.Form>
  );
}

/** Ending the workshop: asks first, because scoring and decisions end with it. */
function EndForm({ to, undecided, carried }: { to: string; undecided: number; carried: Carried }) {
  const { t } = useTranslation("workshops");
  const question = t("moderation.endQuestion", { count: undecided });
  return (
    // The step leads to the minutes, whose heading takes the focus.
    <div onSubmit={() => focusAfterStep(MINUTES_HEADING_ID)}>
    <ConfirmedIntentForm
      id="workshop-end"
      intent="end"
      action={to}
      lastResult={resultFor(useActionData<typeof action>(), "intent", "end")}
      label={t("moderation.end")}
      question={carried ? `${question} ${t("moderation.endNotesKept")}` : question}
      confirmLabel={t("moderation.endConfirm")}
      color="red"
      // Less prominent than the next moderation step (it asks before ending anyway).
      variant="default"
    >
      <CarriedNotes carried={carried} />
    </ConfirmedIntentForm>
    </div>
  );
}

/**
 * Unsaved notes are also kept in this tab's session storage, per workshop and item, so a reload or a
 * page left by mistake does not lose them; the page offers them again (marked restored) and forgets
 * them once they are saved. Session storage stays in the tab and ends with it.
 */
const notesKey = (workshopId: number, itemId: number) => `buendel:workshop-notes:${workshopId}:${itemId}`;
function readKeptNotes(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function keepNotes(key: string, text: string | null): void {
  try {
    if (text === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, text);
  } catch {
    // Storage full or refused (private mode): the question before leaving still guards the text.
  }
}

/** The text the screen reader hears when the shared screen changes. */
function useAnnouncement(s: State): string {
  const { t } = useTranslation("workshops");
  if (s.workshop.status === "scheduled") return t("live.announce.waiting");
  if (s.workshop.status !== "live") return t(`status.${s.workshop.status}`);
  const c = s.current;
  if (!c) return t("live.announce.noItem");
  return t("live.announce.item", {
    title: c.candidateTitle,
    state: t(`itemState.${c.state}`),
    count: c.scoredCount,
    total: c.expectedCount,
  });
}

export default function LiveWorkshop() {
  const s = useLoaderData<typeof loader>();
  // The start's answer without JavaScript (the confirmation missing), from this page or the overview's button.
  const actionData = useActionData();
  const { t } = useTranslation("workshops");
  const fmt = useDateFormat();
  useWorkshopEvents(s.workshop.id);
  const action = `/workshops/${s.workshop.id}/live`;
  const c = s.current;
  const announcement = useAnnouncement(s);
  const lead = s.me.moderate;
  const over = s.workshop.status === "closed" || s.workshop.status === "published";
  // What the moderator typed into an item's notes; compared with what is stored to mark it unsaved.
  const [notesDraft, setNotesDraft] = useState<{ itemId: number; text: string } | null>(null);
  const draftItem = notesDraft ? s.items.find((i) => i.id === notesDraft.itemId) : undefined;
  const carried: Carried =
    notesDraft && draftItem && draftItem.state !== "skipped" && notesDraft.text.trim() !== draftItem.notes ? { notesItemId: notesDraft.itemId, notes: notesDraft.text } : null;
  // The item whose notes came back from session storage, until they are saved.
  const [restoredItem, setRestoredItem] = useState<number | null>(null);
  const editable = lead && s.workshop.status === "live" && c !== null && c.state !== "skipped";
  const currentId = c?.id;
  const storedNotes = c?.notes;
  useEffect(() => {
    if (!editable || currentId === undefined || notesDraft?.itemId === currentId) return;
    const key = notesKey(s.workshop.id, currentId);
    const kept = readKeptNotes(key);
    if (kept === null) return;
    if (kept.trim() === storedNotes) keepNotes(key, null);
    else {
      setNotesDraft({ itemId: currentId, text: kept });
      setRestoredItem(currentId);
    }
    // Only when the page (or a newly opened item) is shown: later, the page's own draft rules.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editable, currentId, s.workshop.id]);
  useEffect(() => {
    if (!notesDraft) return;
    keepNotes(notesKey(s.workshop.id, notesDraft.itemId), carried ? carried.notes : null);
    if (!carried) setRestoredItem(null);
  }, [s.workshop.id, notesDraft, carried?.notes]); // eslint-disable-line react-hooks/exhaustive-deps
  // Leaving the page (a link, Back, a reload) while notes are unsaved asks first.
  const unsavedNotes = useUnsavedChanges(null, carried !== null);

  return (
    <Stack gap="md">
      {unsavedNotes.dialog}
      <Stack gap={4}>
        <Anchor component={Link} to={`/workshops/${s.workshop.id}`} className="no-print">
          {t("live.back")}
        </Anchor>
        <Title order={1}>{t("live.heading", { title: s.workshop.title })}</Title>
        <Group gap="xs">
          <WorkshopStatusBadge status={s.workshop.status} />
          <Text size="sm">
            {isolateBidi(s.workshop.teamName)} · {fmt.dateTime(s.workshop.scheduledAt)}
          </Text>
        </Group>
      </Stack>

      <Alert color="blue" variant="light" role="status" aria-live="polite" aria-atomic="true" data-testid="live-status">
        {announcement}
      </Alert>

      {s.workshop.status === "scheduled" && (
        <Group>
          <Text>{lead ? t("live.notStartedLead") : t("live.notStarted")}</Text>
          {s.may.start && (
            // The started session's first state: no item called yet (see stepFocus).
            <StartWorkshopForm
              action={action}
              lastResult={resultFor(actionData, "intent", "start")}
              offSchedule={s.may.startOffSchedule}
              scheduledAt={s.workshop.scheduledAt}
              focusId={CURRENT_HEADING_ID}
            />
          )}
        </Group>
      )}
      {over && (
        <Anchor component={Link} to={`/workshops/${s.workshop.id}/protokoll`}>
          {t("live.toMinutes")}
        </Anchor>
      )}

      {c && c.state === "decided" && <DecisionText item={c} ranksTaken={s.ranksTaken} />}
      {c && c.result && (
        <PageSection id="ergebnis" title={t("result.heading")}>
          <ResultTable criteria={s.criteria} result={c.result} caption={t("result.caption", { title: c.candidateTitle })} />
        </PageSection>
      )}

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <PageSection id="aktueller-punkt" title={c ? t("live.currentItem", { position: c.position, title: c.candidateTitle }) : t("live.noCurrent")}>
              {c ? (
                <Stack gap="md">
                  <Group gap="xs">
                    <ItemStateBadge state={c.state} />
                    <CandidateBadge status={c.candidateStatus} />
                    <Anchor component={Link} to={`/kandidaten/${c.candidateId}`} size="sm">
                      {t("live.candidatePage")}
                    </Anchor>
                  </Group>
                  <CandidateFacts facts={c.facts} />
                </Stack>
              ) : (
                <Text>{s.workshop.status === "live" ? (lead ? t("live.chooseItem") : t("live.waitForLead")) : t("live.noCurrentHint")}</Text>
              )}
            </PageSection>

            {/* The moderator's next step comes right after the item's facts, before their own scoring. */}
            {lead && c && s.workshop.status === "live" && (
              <PageSection id="moderation" title={t("moderation.heading")} className="no-print">
                <Stack gap="md">
                  {c.state === "scoring" && (
                    <Stack gap={4}>
                      <Text size="sm">{t("moderation.scoredCount", { count: c.scoredCount, total: c.expectedCount })}</Text>
                      <Text size="sm" c="dimmed">
                        {t("moderation.scoredCountHint")}
                      </Text>
                      <RevealForm key={`${c.id}-${c.round}`} action={action} item={c} carried={carried} />
                    </Stack>
                  )}
                  {c.state === "revealed" && (
                    <Group>
                      <IntentButton action={action} intent="reopen" itemId={c.id} label={t("moderation.reopen")} variant="default" focusTarget={CURRENT_HEADING_ID} />
                    </Group>
                  )}
                  {c.state !== "skipped" && (
                    <NotesForm
                      action={action}
                      item={c}
                      value={notesDraft?.itemId === c.id ? notesDraft.text : c.notes}
                      unsaved={carried?.notesItemId === c.id}
                      restored={restoredItem === c.id}
                      onChange={(text) => setNotesDraft({ itemId: c.id, text })}
                    />
                  )}
                  {c.state === "revealed" && <DecideForm action={action} item={c} ranksTaken={s.ranksTaken} carried={carried} />}
                </Stack>
              </PageSection>
            )}
            {c && c.scorable && (c.state === "scoring" || c.state === "pending") && (
              <PageSection id="bewertung" title={t("score.sectionTitle")}>
                <ScoreForm
                  key={`${c.id}-${c.round}`}
                  action={action}
                  itemId={c.id}
                  round={c.round}
                  candidateTitle={c.candidateTitle}
                  criteria={s.criteria}
                  myScores={c.myScores}
                  scored={c.iScored}
                />
              </PageSection>
            )}
            {!lead && c && c.notes && (
              <PageSection id="notizen" title={t("moderation.notes")}>
                <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{c.notes}</Text>
              </PageSection>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <PageSection
              id="teilnehmende"
              title={
                over
                  ? t("live.participantsAttended", { attended: s.participants.filter((p) => p.attended).length, total: s.participants.length })
                  : t("live.participants", { connected: s.connectedCount, total: s.participants.length })
              }
            >
              <List spacing={6} listStyleType="none" p={0}>
                {s.participants.map((p) => (
                  <List.Item key={p.id}>
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      {/* Once the workshop is over, who took part counts, not who has the page open. */}
                      {over ? (
                        <Badge color={p.attended ? "teal" : "gray"} variant="light" size="sm" styles={badgeStyles} style={{ minWidth: "max-content" }}>
                          {p.attended ? t("live.attended") : t("live.absent")}
                        </Badge>
                      ) : (
                        <Badge color={p.connected ? "teal" : "gray"} variant="light" size="sm" styles={badgeStyles} style={{ minWidth: "max-content" }}>
                          {p.connected ? t("live.online") : t("live.offline")}
                        </Badge>
                      )}
                      <div>
                        <Text size="sm" fw={500}>
                          {p.name}
                          {p.role === "lead" ? ` (${t("live.leadRole")})` : ""}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {p.organisationName}
                        </Text>
                        {lead && c?.state === "scoring" && (
                          <Text size="xs" fw={600} c={p.scoredCurrent ? "teal.9" : "gray.8"}>
                            {p.scoredCurrent ? t("live.hasScored") : t("live.notScored")}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </List.Item>
                ))}
              </List>
            </PageSection>

            <PageSection id="tagesordnung" title={t("live.agenda")}>
              <Stack gap="xs">
                {s.items.map((item) => (
                  // The button moves below the title when the column is narrow, never past the card's edge.
                  <Group key={item.id} justify="space-between" wrap="wrap" align="flex-start" gap="xs" data-testid="agenda-item">
                    <div style={{ flex: "1 1 12rem", minWidth: 0 }}>
                      <Text size="sm" fw={item.id === s.workshop.currentItemId ? 700 : 500} aria-current={item.id === s.workshop.currentItemId ? "step" : undefined}>
                        {item.position}. {item.candidateTitle}
                      </Text>
                      <Group gap={4}>
                        <ItemStateBadge state={item.state} />
                        {item.state !== "decided" && item.state !== "skipped" && (
                          <Text size="xs">{t("live.scoredShort", { count: item.scoredCount })}</Text>
                        )}
                      </Group>
                    </div>
                    {lead && s.workshop.status === "live" && item.id !== s.workshop.currentItemId && (
                      <IntentButton action={action} intent="open" itemId={item.id} label={t("moderation.open")} variant="light" carried={carried} focusTarget={CURRENT_HEADING_ID} />
                    )}
                  </Group>
                ))}
              </Stack>
            </PageSection>

            {s.may.end && (
              <PageSection id="abschluss" title={t("moderation.endHeading")} className="no-print">
                <Text size="sm" mb="xs">
                  {t("moderation.endHint")}
                </Text>
                <EndForm to={action} undecided={s.items.filter((i) => i.state !== "decided" && i.state !== "skipped").length} carried={carried} />
              </PageSection>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
