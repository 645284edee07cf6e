import deAdmin from "./de/admin.json";
import deAuth from "./de/auth.json";
import deBundling from "./de/bundling.json";
import deCommon from "./de/common.json";
import deRequirements from "./de/requirements.json";
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enBundling from "./en/bundling.json";
import enCommon from "./en/common.json";
import enRequirements from "./en/requirements.json";

// Each domain keeps its own namespace file, so parallel work does not collide in one big file.
export const resources = {
  de: { common: deCommon, auth: deAuth, admin: deAdmin, bundling: deBundling, requirements: deRequirements },
  en: { common: enCommon, auth: enAuth, admin: enAdmin, bundling: enBundling, requirements: enRequirements },
} as const;
