import deAdmin from "./de/admin.json";
import deAuth from "./de/auth.json";
import deCommon from "./de/common.json";
import enAdmin from "./en/admin.json";
import enAuth from "./en/auth.json";
import enCommon from "./en/common.json";

// Each domain keeps its own namespace file, so parallel work does not collide in one big file.
export const resources = {
  de: { common: deCommon, auth: deAuth, admin: deAdmin },
  en: { common: enCommon, auth: enAuth, admin: enAdmin },
} as const;
