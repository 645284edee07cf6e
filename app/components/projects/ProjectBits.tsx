import { Anchor, Badge, Card, Group, List, Text, Title } from "@mantine/core";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { resolutionReading } from "#app/modules/projects/approval";
import { awaitsApproval, type Rejection } from "#app/modules/projects/workflow";
import { useDateFormat } from "#app/components/bundling";

const PHASE_COLORS: Record<string, string> = { initiation: "cyan", planning: "blue", execution: "indigo", closed: "green", stopped: "red" };
const STATUS_COLORS: Record<string, string> = { requested: "yellow", board_vote: "orange", approved: "teal", rejected: "red" };
const HEALTH_COLORS: Record<string, string> = { green: "green", amber: "orange", red: "red" };
const ROLLOUT_COLORS: Record<string, string> = { interested: "gray", planned: "blue", introducing: "indigo", operating: "green", declined: "red" };

// Dark text on a light tint: Mantine's light-variant text of green, teal and orange stays below 4.5:1.
const badgeStyle = { minWidth: "max-content", color: "var(--mantine-color-dark-9)" } as const;

/** A status badge whose meaning is carried by its words; the tint only supports them. */
export function LabelBadge({ label, color = "gray" }: { label: string; color?: string }) {
  return (
    <Badge color={color} variant="light" style={badgeStyle}>
      {label}
    </Badge>
  );
}

/**
 * Where the project stands: its approval status until approved, its phase afterwards. A rejection
 * says who turned the proposal down (board or management), since that decides who may be asked again.
 */
export function ProjectStageBadge({
  status,
  phase,
  rejectedBy,
  boardTally,
}: {
  status: string;
  phase: string | null;
  rejectedBy?: Rejection | null;
  /** A board rejection's count: without a single yes or no vote it reads „keine Mehrheit“, as on the project page. */
  boardTally?: { yes: number; no: number } | null;
}) {
  const { t } = useTranslation("projects");
  if (status === "approved" && phase) {
    return (
      <Badge color={PHASE_COLORS[phase] ?? "gray"} variant="light" style={badgeStyle}>
        {t(`phase.${phase}`)}
      </Badge>
    );
  }
  return (
    <Badge color={STATUS_COLORS[status] ?? "gray"} variant="light" style={badgeStyle}>
      {t(status === "rejected" && rejectedBy ? `status.${rejectionKey(rejectedBy, boardTally)}` : `status.${status}`)}
    </Badge>
  );
}

/** Health is told in words as well as colour (never by colour alone). */
export function HealthBadge({ health }: { health: string | null }) {
  const { t } = useTranslation("projects");
  return (
    <Badge color={health ? HEALTH_COLORS[health] : "gray"} variant="light" style={badgeStyle}>
      {t(`health.${health ?? "none"}`)}
    </Badge>
  );
}

export function RolloutBadge({ status }: { status: string }) {
  const { t } = useTranslation("projects");
  return (
    <Badge color={ROLLOUT_COLORS[status] ?? "gray"} variant="light" style={badgeStyle}>
      {t(`rollout.${status}`)}
    </Badge>
  );
}

export function useMoney() {
  const { i18n } = useTranslation();
  const f = new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "de-DE", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  return (n: number) => f.format(n);
}

type ProjectState = { status: string; phase: string | null; rejectedBy?: Rejection | null; boardTally?: { yes: number; no: number } | null };

/** A board rejection without a single yes or no vote: it reads „keine Mehrheit“, not „abgelehnt“. */
function withoutMajority(rejectedBy: Rejection | null | undefined, boardTally: { yes: number; no: number } | null | undefined): boolean {
  return rejectedBy === "board" && !!boardTally && resolutionReading("rejected", boardTally) === "noMajority";
}

/** „rejected_board“, „rejected_management“, or „rejected_board_noMajority“ (see withoutMajority). */
function rejectionKey(rejectedBy: Rejection, boardTally: { yes: number; no: number } | null | undefined): string {
  return withoutMajority(rejectedBy, boardTally) ? "rejected_board_noMajority" : `rejected_${rejectedBy}`;
}

/** Where a project stands, in words that never let a pending proposal read as decided. */
function useProjectStateText() {
  const { t } = useTranslation("projects");
  return ({ status, phase, rejectedBy, boardTally }: ProjectState) => {
    if (status === "rejected" && rejectedBy) return t(`outcome.state.${rejectionKey(rejectedBy, boardTally)}`);
    if (status !== "approved") return t(`outcome.state.${status}`, { defaultValue: t(`status.${status}`) });
    if (phase === "closed" || phase === "stopped") return t(`outcome.state.${phase}`);
    return t("outcome.state.running", { phase: t(`phase.${phase ?? "initiation"}`) });
  };
}

/**
 * Next to the status of a requirement or candidate ("Im Projekt"): its project and that project's own state, e.g.
 * „Projekt „E-Akte …“ – beantragt, Freigabe durch die Geschäftsführung steht aus“ while the proposal awaits approval.
 */
export function ProjectNote({ project }: { project: ProjectState & { id: number; title: string } }) {
  const { t } = useTranslation("projects");
  const stateText = useProjectStateText();
  return (
    <Text size="sm">
      {t("outcome.noteBefore")}
      <Anchor component={Link} to={`/projekte/${project.id}`}>
        {project.title}
      </Anchor>
      {t("outcome.noteAfter", { state: stateText(project) })}
    </Text>
  );
}

/**
 * On a project's page, the status of a candidate or requirement behind it („Im Projekt“), in the same
 * badge and colour as in the lists: while the proposal awaits approval (`pendingStatus`), who still
 * decides stands next to it, so it does not read as decided (in words beside the badge: a longer badge
 * would not fit the table's column).
 */
export function OriginStatusBadge({ badge, pendingStatus }: { badge: ReactNode; pendingStatus: string | null }) {
  const { t } = useTranslation("projects");
  if (!pendingStatus) return badge;
  return (
    <Group gap={6}>
      {badge}
      <Text size="sm">{t(`detail.pendingState_${pendingStatus}`)}</Text>
    </Group>
  );
}

/** Above a pending project's candidates and requirements: the proposal's own state, in the requirement page's words. */
export function ProjectPendingNote({ status }: { status: string }) {
  const { t } = useTranslation("projects");
  const stateText = useProjectStateText();
  if (!awaitsApproval(status)) return null;
  return <Text>{t("detail.originPending", { state: stateText({ status, phase: null }) })}</Text>;
}

interface OutcomeView {
  candidate: { id: number; title: string; status: string; teamName: string | null };
  decision: { value: string; rationale: string | null; at: string | null; until: string | null } | null;
  project: {
    id: number;
    title: string;
    status: string;
    rejectedBy: Rejection | null;
    boardTally?: { yes: number; no: number; abstain: number } | null;
    phase: string | null;
    health: string | null;
  } | null;
  rollout: { status: string; involved: boolean } | null;
  /** filed or co-signed by the viewer's organisation */
  ours: boolean;
}

/** "Was wurde aus unserer Anforderung?" („… dieser …“ for organisations that neither filed nor co-signed it): the chain candidate → decision → project → phase → own rollout. */
export function RequirementOutcomeSection({ outcome, organisationName }: { outcome: OutcomeView | null; organisationName: string }) {
  const { t } = useTranslation("projects");
  const fmt = useDateFormat();
  const stateText = useProjectStateText();
  if (!outcome) return null;
  const { candidate, decision, project, rollout } = outcome;
  const steps: { label: string; value: ReactNode }[] = [
    {
      label: t("outcome.candidate"),
      value: (
        <Anchor component={Link} to={`/kandidaten/${candidate.id}`}>
          {candidate.title}
        </Anchor>
      ),
    },
    {
      label: t("outcome.decision"),
      value: decision ? (
        <>
          {t(`outcome.decision_${decision.value}`, { defaultValue: decision.value })}
          {decision.value === "deferred" && decision.until ? ` ${t("outcome.deferredUntil", { date: fmt.date(decision.until) })}` : ""}
          {decision.rationale ? ` – ${t("outcome.rationale", { rationale: decision.rationale })}` : ""}
        </>
      ) : (
        t("outcome.noDecision")
      ),
    },
    {
      label: t("outcome.project"),
      value: project ? (
        <Anchor component={Link} to={`/projekte/${project.id}`}>
          {project.title}
        </Anchor>
      ) : (
        // A rejected candidate gets none; otherwise one may still come.
        t(decision?.value === "rejected" ? "outcome.noProjectRejected" : "outcome.noProject")
      ),
    },
  ];
  if (project) {
    steps.push({
      label: t("outcome.stage"),
      value: (
        <>
          <ProjectStageBadge status={project.status} phase={project.phase} rejectedBy={project.rejectedBy} boardTally={project.boardTally} />
          {awaitsApproval(project.status) ? ` – ${stateText(project)}` : ""}
          {/* Turned down: by whom (the board with its count), and what it leaves, as the notice said. */}
          {project.status === "rejected" && project.rejectedBy
            ? ` – ${t(`outcome.rejectedNext_${withoutMajority(project.rejectedBy, project.boardTally) ? "boardNoMajority" : project.rejectedBy}`, { yes: project.boardTally?.yes ?? 0, no: project.boardTally?.no ?? 0, abstain: project.boardTally?.abstain ?? 0 })}`
            : ""}
        </>
      ),
    });
    // A rejected project is introduced nowhere: no rollout step to report.
    if (project.status !== "rejected") {
      steps.push({
        label: t("outcome.rollout", { organisation: organisationName }),
        value: rollout?.involved ? <RolloutBadge status={rollout.status} /> : t("outcome.notInvolved"),
      });
    }
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ergebnis-h" id="ergebnis">
      <Title order={2} size="h3" mb="sm" id="ergebnis-h">
        {t(outcome.ours ? "outcome.heading" : "outcome.headingOthers")}
      </Title>
      <List type="ordered" spacing="xs">
        {steps.map((s) => (
          <List.Item key={s.label}>
            <Text span fw={600}>
              {s.label}:
            </Text>{" "}
            {s.value}
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
