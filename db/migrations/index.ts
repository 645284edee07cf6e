import type { Migration, MigrationProvider } from "kysely";
import * as m20261127_2100 from "./2026_11_27_2100_create_foundation";
import * as m20261127_2200 from "./2026_11_27_2200_create_requirements";
import * as m20261127_2300 from "./2026_11_27_2300_create_candidates";
import * as m20261127_2330 from "./2026_11_27_2330_create_workshops";
import * as m20261127_2345 from "./2026_11_27_2345_create_projects";
import * as m20261128_0000 from "./2026_11_28_0000_add_list_indexes";
import * as m20261128_0100 from "./2026_11_28_0100_add_search_index";
import * as m20261128_1300 from "./2026_11_28_1300_add_change_counters";
import * as m20261128_1400 from "./2026_11_28_1400_add_feedback_handling";
import * as m20261128_1500 from "./2026_11_28_1500_add_audit_order_index";
import * as m20261206_1045 from "./2026_12_06_1045_add_edit_versions";
import * as m20261206_1300 from "./2026_12_06_1300_create_candidate_merges";
import * as m20261206_1600 from "./2026_12_06_1600_add_team_name_key";
import * as m20261207_1000 from "./2026_12_07_1000_add_quantity_unit";
import * as m20261207_1100 from "./2026_12_07_1100_add_user_anonymised_at";
import * as m20261207_1200 from "./2026_12_07_1200_create_dismissed_proposals";
import * as m20261207_1300 from "./2026_12_07_1300_add_requirement_title_sort";

// Static imports so the bundled server finds every migration; add new ones at the end.
const migrations: Record<string, Migration> = {
  "2026_11_27_2100_create_foundation": m20261127_2100,
  "2026_11_27_2200_create_requirements": m20261127_2200,
  "2026_11_27_2300_create_candidates": m20261127_2300,
  "2026_11_27_2330_create_workshops": m20261127_2330,
  "2026_11_27_2345_create_projects": m20261127_2345,
  "2026_11_28_0000_add_list_indexes": m20261128_0000,
  "2026_11_28_0100_add_search_index": m20261128_0100,
  "2026_11_28_1300_add_change_counters": m20261128_1300,
  "2026_11_28_1400_add_feedback_handling": m20261128_1400,
  "2026_11_28_1500_add_audit_order_index": m20261128_1500,
  "2026_12_06_1045_add_edit_versions": m20261206_1045,
  "2026_12_06_1300_create_candidate_merges": m20261206_1300,
  "2026_12_06_1600_add_team_name_key": m20261206_1600,
  "2026_12_07_1000_add_quantity_unit": m20261207_1000,
  "2026_12_07_1100_add_user_anonymised_at": m20261207_1100,
  "2026_12_07_1200_create_dismissed_proposals": m20261207_1200,
  "2026_12_07_1300_add_requirement_title_sort": m20261207_1300,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
