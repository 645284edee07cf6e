import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

// Times are ISO-8601 UTC text, booleans 0/1, JSON as text: the same on SQLite and PostgreSQL.
type Bool = number;

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  kind: string;
  district_id: number | null;
  population: number | null;
  requires_release: ColumnType<Bool, Bool | undefined, Bool>;
  active: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface TeamTable {
  id: Generated<number>;
  name: string;
  /** teamNameKey(name), unique: two saves of the same folded name at one instant cannot both win. */
  name_key: string;
  description: string;
  active: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  password_hash: string | null;
  organisation_id: number;
  active: ColumnType<Bool, Bool | undefined, Bool>;
  locale: string | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
  /** Set once by anonymiseUser; such an account is final and read-only. */
  anonymised_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  organisation_id: number | null;
  team_id: number | null;
  created_at: string;
}

export interface SessionTable {
  id: string;
  user_id: number;
  secret_hash: string;
  created_at: string;
  last_active_at: string;
  idle_expires_at: string;
  absolute_expires_at: string;
}

export interface PasswordTokenTable {
  id: string;
  user_id: number | null;
  secret_hash: string;
  purpose: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: string | null;
}

export interface AccessibilityFeedbackTable {
  id: Generated<number>;
  created_at: string;
  user_id: number | null;
  name: string | null;
  email: string | null;
  page: string | null;
  message: string;
  handled: ColumnType<Bool, Bool | undefined, Bool>;
  handled_at: string | null;
  handled_by: number | null;
  handled_note: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export interface RequirementTable {
  id: Generated<number>;
  organisation_id: number;
  created_by: number | null;
  title: string;
  problem: string;
  desired_outcome: string;
  themenfeld: string;
  system: string | null;
  legal_basis: string | null;
  deadline: string | null;
  benefit: string;
  urgency: string;
  confidential: ColumnType<Bool, Bool | undefined, Bool>;
  status: string;
  awaiting_release: ColumnType<Bool, Bool | undefined, Bool>;
  version: ColumnType<number, number | undefined, number>;
  duplicate_of_id: number | null;
  reject_reason: string | null;
  search_text: string;
  /** germanSortKey(title): „Titel A–Z“ compares it bytewise on both databases (PostgreSQL: COLLATE "C"). */
  title_sort: string;
  client_key: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RequirementEventTable {
  id: Generated<number>;
  requirement_id: number;
  at: string;
  actor_user_id: number | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  detail: string | null;
}

export interface EndorsementTable {
  id: Generated<number>;
  requirement_id: number;
  organisation_id: number;
  user_id: number | null;
  quantity: number | null;
  /** What quantity counts: a QuantityUnit ("workplaces" | "cases_per_year"), checked by the app; NULL on co-signatures given before it was asked. */
  quantity_unit: string | null;
  comment: string | null;
  created_at: string;
}

export interface CommentTable {
  id: Generated<number>;
  requirement_id: number;
  user_id: number | null;
  organisation_id: number;
  body: string;
  created_at: string;
}

export interface AttachmentTable {
  id: string;
  requirement_id: number;
  uploaded_by: number | null;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  created_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  requirement_id: number | null;
  message_key: string;
  params: string | null;
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface CandidateTable {
  id: Generated<number>;
  title: string;
  summary: ColumnType<string, string | undefined, string>;
  status: string;
  team_id: number | null;
  themenfeld: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface CandidateRequirementTable {
  candidate_id: number;
  requirement_id: number;
  added_by: number | null;
  added_at: string;
}

export interface CandidateExclusionTable {
  candidate_id: number;
  requirement_id: number;
  excluded_by: number | null;
  created_at: string;
}

/** An engine proposal the requirements team dismissed: its sorted requirement ids joined by "-". */
export interface DismissedProposalTable {
  id: Generated<number>;
  requirement_key: string;
  dismissed_by: number | null;
  dismissed_at: string;
}

export interface CandidateEventTable {
  id: Generated<number>;
  candidate_id: number;
  at: string;
  actor_user_id: number | null;
  kind: string;
  detail: string | null;
}

/** Forwards the address of a candidate that a merge took over (and deleted) to the one it went into. */
export interface CandidateMergeTable {
  candidate_id: number;
  merged_into_id: number;
  title: string;
  merged_by: number | null;
  merged_at: string;
}

export interface CandidateCommentTable {
  id: Generated<number>;
  candidate_id: number;
  user_id: number | null;
  organisation_id: number;
  body: string;
  created_at: string;
}

export interface CriterionTable {
  id: Generated<number>;
  team_id: number;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  weight: number;
  inverse: ColumnType<Bool, Bool | undefined, Bool>;
  position: number;
  active: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: string;
  updated_at: string;
}

export interface WorkshopTable {
  id: Generated<number>;
  team_id: number;
  title: string;
  scheduled_at: string;
  location: ColumnType<string, string | undefined, string>;
  status: string;
  current_item_id: number | null;
  moderator_user_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  ended_at: string | null;
  published_at: string | null;
}

export interface WorkshopCriterionTable {
  id: Generated<number>;
  workshop_id: number;
  criterion_id: number | null;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  weight: number;
  inverse: ColumnType<Bool, Bool | undefined, Bool>;
  position: number;
}

export interface WorkshopItemTable {
  id: Generated<number>;
  workshop_id: number;
  candidate_id: number;
  position: number;
  state: string;
  round: ColumnType<number, number | undefined, number>;
  notes: ColumnType<string, string | undefined, string>;
  decision: string | null;
  decision_rank: number | null;
  deferred_until: string | null;
  rationale: string | null;
  decided_by: number | null;
  decided_at: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface WorkshopParticipantTable {
  workshop_id: number;
  user_id: number;
  role: string;
  attended: ColumnType<Bool, Bool | undefined, Bool>;
  invited_at: string;
}

export interface WorkshopScoreTable {
  id: Generated<number>;
  item_id: number;
  user_id: number;
  criterion_id: number;
  value: number;
  in_advance: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: string;
  updated_at: string;
}

export interface ProjectTable {
  id: Generated<number>;
  title: string;
  goal: string;
  scope: string;
  budget_estimate: number;
  planned_start: string;
  planned_end: string;
  lead_user_id: number | null;
  status: string;
  phase: string | null;
  health: string | null;
  board_required: ColumnType<Bool, Bool | undefined, Bool>;
  board_threshold: number | null;
  board_opened_at: string | null;
  board_deadline: string | null;
  board_result: string | null;
  board_result_at: string | null;
  board_noted_at: string | null;
  approved_at: string | null;
  closed_at: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: ColumnType<number, number | undefined, number>;
}

export interface ProjectCandidateTable {
  project_id: number;
  candidate_id: number;
}

export interface ProjectApprovalTable {
  id: Generated<number>;
  project_id: number;
  user_id: number;
  created_at: string;
}

export interface BoardVoteTable {
  id: Generated<number>;
  project_id: number;
  user_id: number;
  vote: string;
  created_at: string;
}

export interface BoardCommentTable {
  id: Generated<number>;
  project_id: number;
  user_id: number | null;
  organisation_id: number;
  body: string;
  created_at: string;
}

export interface ProjectEventTable {
  id: Generated<number>;
  project_id: number;
  at: string;
  actor_user_id: number | null;
  kind: string;
  from_value: string | null;
  to_value: string | null;
  reason: string | null;
  detail: string | null;
}

export interface ProjectMemberTable {
  id: Generated<number>;
  project_id: number;
  user_id: number;
  role: string;
  created_at: string;
}

export interface MilestoneTable {
  id: Generated<number>;
  project_id: number;
  title: string;
  start_date: string;
  end_date: string;
  done_at: string | null;
  created_by: number | null;
  created_at: string;
}

export interface StatusReportTable {
  id: Generated<number>;
  project_id: number;
  health: string;
  note: string;
  author_user_id: number | null;
  created_at: string;
}

export interface RolloutTable {
  project_id: number;
  organisation_id: number;
  status: string;
  updated_by: number | null;
  updated_at: string;
}

export interface Database {
  organisations: OrganisationTable;
  teams: TeamTable;
  users: UserTable;
  role_assignments: RoleAssignmentTable;
  sessions: SessionTable;
  password_tokens: PasswordTokenTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  accessibility_feedback: AccessibilityFeedbackTable;
  settings: SettingTable;
  requirements: RequirementTable;
  requirement_events: RequirementEventTable;
  endorsements: EndorsementTable;
  comments: CommentTable;
  attachments: AttachmentTable;
  notifications: NotificationTable;
  candidates: CandidateTable;
  candidate_requirements: CandidateRequirementTable;
  candidate_exclusions: CandidateExclusionTable;
  candidate_events: CandidateEventTable;
  dismissed_proposals: DismissedProposalTable;
  candidate_comments: CandidateCommentTable;
  candidate_merges: CandidateMergeTable;
  criteria: CriterionTable;
  workshops: WorkshopTable;
  workshop_criteria: WorkshopCriterionTable;
  workshop_items: WorkshopItemTable;
  workshop_participants: WorkshopParticipantTable;
  workshop_scores: WorkshopScoreTable;
  projects: ProjectTable;
  project_candidates: ProjectCandidateTable;
  project_approvals: ProjectApprovalTable;
  board_votes: BoardVoteTable;
  board_comments: BoardCommentTable;
  project_events: ProjectEventTable;
  project_members: ProjectMemberTable;
  milestones: MilestoneTable;
  status_reports: StatusReportTable;
  rollouts: RolloutTable;
}

export type Organisation = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type Team = Selectable<TeamTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type RoleAssignment = Selectable<RoleAssignmentTable>;
export type Session = Selectable<SessionTable>;
export type AuditEntry = Selectable<AuditLogTable>;
export type Requirement = Selectable<RequirementTable>;
export type Candidate = Selectable<CandidateTable>;
export type Workshop = Selectable<WorkshopTable>;
export type WorkshopItem = Selectable<WorkshopItemTable>;
export type Project = Selectable<ProjectTable>;
