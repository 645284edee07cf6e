import { getFormProps, useForm } from "@conform-to/react";
import { isolateBidi } from "#app/modules/i18n/bidi";
import { Button, Card, Group, Radio, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { PlainTable as Table } from "#app/components/plain/Table";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useDateFormat } from "#app/components/bundling";
import { ConfirmedSubmit, FormErrors, useFieldError, useFreshAfterSuccess, useIntentResult, LimitedTextarea } from "#app/components/forms";
import { Fact } from "#app/components/Fact";
import { PageSection } from "#app/components/PageSection";
import { ScrollTable } from "#app/components/ScrollTable";
import { resolutionReading, VOTES } from "#app/modules/projects/approval";
import { LIMITS } from "#app/modules/projects/schema";
import { useMoney } from "./ProjectBits";
import { errorsOf, type Project } from "./shared";

function VoteForm() {
  const { t } = useTranslation("projects");
  const fieldError = useFieldError();
  const [form, fields] = useForm({ id: "board-vote", lastResult: useIntentResult("vote") });
  // The vote is final: the button asks again, naming the chosen vote.
  const [choice, setChoice] = useState<string | null>(null);
  return (
    <Form method="post" className="no-print" {...getFormProps(form)}>
      <Stack gap="xs">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="intent" value="vote" />
        <Radio.Group
          name={fields.vote.name}
          label={t("board.yourVote")}
          description={t("board.voteOnce")}
          required
          error={fieldError(fields.vote.errors)}
          onChange={setChoice}
        >
          <Group mt="xs">
            {VOTES.map((v) => (
              <Radio key={v} value={v} label={t(`vote.${v}`)} />
            ))}
          </Group>
        </Radio.Group>
        <ConfirmedSubmit
          formId={form.id}
          label={t("board.castVote")}
          question={t("board.voteQuestion", { vote: choice ? t(`vote.${choice}`) : "" })}
          confirmLabel={t("board.voteConfirm")}
          needsConfirm={!!fields.confirm.errors?.length && !fields.vote.errors?.length}
          ask={choice !== null}
        />
      </Stack>
    </Form>
  );
}

export function BoardSection({ p }: { p: Project }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const money = useMoney();
  const fieldError = useFieldError();
  const boardCommentResult = useIntentResult("boardComment");
  const boardCommentGeneration = useFreshAfterSuccess("boardComment", boardCommentResult);
  const [commentForm, commentFields] = useForm({ id: `board-comment-${boardCommentGeneration}`, lastResult: boardCommentResult });
  const concludeErrors = errorsOf(useIntentResult("conclude"));
  const b = p.board;
  return (
    <PageSection layout="card-stack" id="umlaufverfahren" title={t("board.heading")}>
      <Text>{t("board.intro", { threshold: money(b.threshold ?? 0) })}</Text>
      <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} m={0}>
        <Fact label={t("board.deadline")} value={b.deadline ? fmt.dateTime(b.deadline) : "–"} />
        <Fact
          label={t("board.tally")}
          value={
            b.tally
              ? t("board.tallyValue", { yes: b.tally.yes, no: b.tally.no, abstain: b.tally.abstain, members: b.votingMembers })
              : t("board.tallyHidden", { members: b.votingMembers })
          }
        />
        <Fact
          label={t("board.result")}
          // The count stands beside it (Stimmen); a narrow column keeps the words only.
          value={b.result ? t(`board.resultValue.${resolutionReading(b.result, b.tally ?? { yes: 0, no: 0 })}`) : t("board.running")}
        />
      </SimpleGrid>
      <Text size="sm">{t("board.majorityRule")}</Text>
      {b.result && <Text>{b.notedAt ? t("board.notedAt", { at: fmt.dateTime(b.notedAt) }) : t("board.forNextMeeting")}</Text>}
      {b.myVote && <Text fw={600}>{t("board.youVoted", { vote: t(`vote.${b.myVote}`) })}</Text>}
      {b.involved && p.status === "board_vote" && <Text size="sm">{t("board.involved")}</Text>}
      {!b.votingMember && !b.involved && p.status === "board_vote" && p.may.comment && <Text size="sm">{t("board.nonVoting")}</Text>}
      {p.may.vote && <VoteForm />}
      {b.votes.length > 0 && (
        // The section is a narrow card beside the facts at desktop width (about 370 px inside): the
        // table fits it, its caption and names wrapping, instead of cutting off the time column.
        <ScrollTable label={t("board.votesCaption", { count: b.votes.length })} minWidth={320}>
          <Table withTableBorder striped captionSide="top" className="stack-table">
            <Table.Caption>{t("board.votesCaption", { count: b.votes.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {/* A soft hyphen lets the long German word break in the narrow card. */}
                <Table.Th scope="col">{t("board.memberColumn")}</Table.Th>
                <Table.Th scope="col">{t("board.voteColumn")}</Table.Th>
                <Table.Th scope="col">{t("board.when")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.votes.map((v) => (
                <Table.Tr key={`${v.name}-${v.at}`}>
                  <Table.Th scope="row" fw={500}>
                    {isolateBidi(v.name)} ({isolateBidi(v.organisationName)})
                  </Table.Th>
                  <Table.Td data-label={t("board.voteColumn")}>{t(`vote.${v.vote}`)}</Table.Td>
                  <Table.Td data-label={t("board.when")}>{fmt.dateTime(v.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {b.comments.length > 0 && (
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t("board.comments")}
          </Title>
          {b.comments.map((c) => (
            <Card key={c.id} withBorder padding="sm" component="article">
              <Text size="sm" fw={600}>
                {isolateBidi(c.authorName ?? "–")} ({isolateBidi(c.organisationName)}) · {fmt.dateTime(c.created_at)}
              </Text>
              <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{c.body}</Text>
            </Card>
          ))}
        </Stack>
      )}
      {p.may.comment && (
        <Form method="post" className="no-print" {...getFormProps(commentForm)} key={commentForm.key}>
          <Stack gap="xs">
            <FormErrors errors={commentForm.errors} id={commentForm.errorId} />
            <input type="hidden" name="intent" value="boardComment" />
            <LimitedTextarea label={t("board.commentLabel")} name={commentFields.body.name} id={commentFields.body.id} required autosize minRows={2} limit={LIMITS.comment} error={fieldError(commentFields.body.errors)} />
            <Group>
              <Button type="submit" variant="default">
                {t("board.comment")}
              </Button>
            </Group>
          </Stack>
        </Form>
      )}
      {p.may.conclude && (
        <Form method="post" className="no-print">
          <FormErrors errors={concludeErrors} />
          <input type="hidden" name="intent" value="conclude" />
          <Button type="submit" variant="default">
            {t("board.conclude")}
          </Button>
        </Form>
      )}
      {p.may.noted && (
        <Form method="post" className="no-print">
          <input type="hidden" name="intent" value="noted" />
          <Button type="submit" variant="default">
            {t("board.markNoted")}
          </Button>
        </Form>
      )}
    </PageSection>
  );
}
