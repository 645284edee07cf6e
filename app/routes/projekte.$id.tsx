import { Anchor, Grid, Group, Stack, Text, Title } from "@mantine/core";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getDb } from "#db/client.server";
import { PrintButton } from "#app/components/PrintButton";
import { PlainVisuallyHidden } from "#app/components/plain/layout";
import { ApprovalSection } from "#app/components/projects/ApprovalSection";
import { BoardSection } from "#app/components/projects/BoardSection";
import { FactsSection } from "#app/components/projects/FactsSection";
import { LeadSection } from "#app/components/projects/LeadSection";
import { MilestoneSection } from "#app/components/projects/MilestoneSection";
import { OriginSection } from "#app/components/projects/OriginSection";
import { PhaseSection } from "#app/components/projects/PhaseSection";
import { HealthBadge, ProjectStageBadge } from "#app/components/projects/ProjectBits";
import { ReportSection } from "#app/components/projects/ReportSection";
import { RolloutSection } from "#app/components/projects/RolloutSection";
import { TeamSection } from "#app/components/projects/TeamSection";
import { TimelineSection } from "#app/components/projects/TimelineSection";
import { requirePermission } from "#app/modules/auth/guard.server";
import {
  addMilestone,
  addStatusReport,
  addTeamMember,
  approveProject,
  changePhase,
  changePlannedPeriod,
  changeProjectLead,
  commentOnResolution,
  completeMilestone,
  concludeResolution,
  declineProject,
  markResolutionNoted,
  removeTeamMember,
  setRollout,
  voteOnResolution,
} from "#app/modules/projects/projects.server";
import { getProjectDetail } from "#app/modules/projects/queries.server";
import { projectActionSchema } from "#app/modules/projects/schema";
import { errorReply, invalidReply, orRespond, parseForm } from "#app/utils/forms.server";
import { idParam } from "#app/utils/params.server";
import type { RouteHandle } from "#app/utils/title";
import { revalidateOnConflict } from "#app/utils/revalidate";
import { redirectWithToast } from "#app/utils/toast.server";

export const shouldRevalidate = revalidateOnConflict;

export const handle: RouteHandle & { i18n: string[] } = {
  title: (data, t) => (data as { project?: { title: string } } | undefined)?.project?.title ?? t("projects:detail.title"),
  i18n: ["projects"],
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const id = idParam(params.id);
  return { project: await orRespond(getProjectDetail(getDb(), actor, id)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requirePermission(request, "view:portal");
  const id = idParam(params.id);
  const { submission } = await parseForm(request, projectActionSchema);
  if (submission.status !== "success") return invalidReply(submission);
  const input = submission.value;
  const db = getDb();
  const here = `/projekte/${id}`;
  const done = (messageKey: string, anchor = "") => redirectWithToast(`${here}${anchor}`, { type: "success", messageKey });
  try {
    switch (input.intent) {
      case "approve": {
        const { outcome } = await approveProject(db, actor, id);
        return done(`projects:toast.approval_${outcome}`, "#freigabe");
      }
      case "decline":
        await declineProject(db, actor, id, input);
        return done("projects:toast.declined", "#freigabe");
      case "vote": {
        const { concluded } = await voteOnResolution(db, actor, id, input.vote);
        return done(concluded ? "projects:toast.votedConcluded" : "projects:toast.voted", "#umlaufverfahren");
      }
      case "boardComment":
        await commentOnResolution(db, actor, id, input.body);
        return done("projects:toast.commented", "#umlaufverfahren");
      case "conclude":
        await concludeResolution(db, actor, id);
        return done("projects:toast.concluded", "#umlaufverfahren");
      case "noted":
        await markResolutionNoted(db, actor, id);
        return done("projects:toast.noted", "#umlaufverfahren");
      case "phase":
        await changePhase(db, actor, id, input.to, input.reason);
        return done("projects:toast.phase", "#phase");
      case "member":
        await addTeamMember(db, actor, id, input.userId, input.role);
        return done("projects:toast.memberAdded", "#team");
      case "removeMember":
        await removeTeamMember(db, actor, id, input.memberId);
        return done("projects:toast.memberRemoved", "#team");
      case "changeLead":
        await changeProjectLead(db, actor, id, input);
        return done("projects:toast.leadChanged", "#projektleitung");
      case "milestone":
        await addMilestone(db, actor, id, input);
        return done("projects:toast.milestoneAdded", "#meilensteine");
      case "period":
        await changePlannedPeriod(db, actor, id, input);
        return done("projects:toast.periodChanged", "#steckbrief");
      case "milestoneDone":
        await completeMilestone(db, actor, id, input.milestoneId);
        return done("projects:toast.milestoneDone", "#meilensteine");
      case "report":
        await addStatusReport(db, actor, id, input);
        return done("projects:toast.reported", "#statusberichte");
      case "rollout":
        await setRollout(db, actor, id, input.organisationId, input.status);
        return done("projects:toast.rollout", "#einfuehrung");
    }
  } catch (error) {
    return errorReply(submission, error);
  }
}

export default function ProjectPage() {
  const { project: p } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  const navigation = useNavigation();
  return (
    <Stack gap="md" aria-busy={navigation.state !== "idle"}>
      <Stack gap="xs">
        <Group justify="space-between" className="no-print">
          <Anchor component={Link} to="/projekte">
            {t("detail.back")}
          </Anchor>
          <PrintButton />
        </Group>
        {/* On paper the project's number, as a requirement's page shows its own (on screen the address has it). */}
        <Text size="sm" className="print-only print-note" data-testid="project-number">
          {t("detail.number", { id: p.id })}
        </Text>
        <Title order={1}>{p.title}</Title>
        <Group gap="xs">
          <ProjectStageBadge status={p.status} phase={p.phase} rejectedBy={p.rejectedBy} boardTally={p.board?.tally} />
          {p.status === "approved" && (
            <>
              {/* The badge says „Gelb“: what is yellow is said on paper and to screen readers, not on screen. */}
              <PlainVisuallyHidden className="print-label">{t("detail.healthLabel")}</PlainVisuallyHidden>
              <HealthBadge health={p.health} />
            </>
          )}
          <Text size="sm">{p.lead ? t("detail.ledBy", { name: p.lead.name }) : t("detail.noLead")}</Text>
        </Group>
      </Stack>

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <FactsSection p={p} />
            <OriginSection p={p} />
            {p.status === "approved" && (
              <>
                <RolloutSection p={p} />
                <MilestoneSection p={p} />
                <TeamSection p={p} />
              </>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <ApprovalSection p={p} />
            {p.board.required && <BoardSection p={p} />}
            {p.may.changeLead && <LeadSection p={p} />}
            {p.status === "approved" && <PhaseSection p={p} />}
            {p.status === "approved" && <ReportSection p={p} />}
            <TimelineSection p={p} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
