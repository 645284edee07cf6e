import deAdmin from "./de/admin.json";
import deAuth from "./de/auth.json";
import deBundling from "./de/bundling.json";
import deCommon from "./de/common.json";
import deProjects from "./de/projects.json";
import deRequirements from "./de/requirements.json";
import deWorkshops from "./de/workshops.json";
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enBundling from "./en/bundling.json";
import enCommon from "./en/common.json";
import enProjects from "./en/projects.json";
import enRequirements from "./en/requirements.json";
import enWorkshops from "./en/workshops.json";

// Each domain keeps its own namespace file, so parallel work does not collide in one big file.
export const resources = {
  de: { common: deCommon, auth: deAuth, admin: deAdmin, bundling: deBundling, requirements: deRequirements, projects: deProjects, workshops: deWorkshops },
  en: { common: enCommon, auth: enAuth, admin: enAdmin, bundling: enBundling, requirements: enRequirements, projects: enProjects, workshops: enWorkshops },
} as const;
