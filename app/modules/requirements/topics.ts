// The 14 topic fields (Themenfelder) of the OZG service catalogue.
export const THEMENFELDER = [
  "Arbeit & Ruhestand",
  "Bauen & Wohnen",
  "Bildung",
  "Ein- & Auswanderung",
  "Engagement & Hobby",
  "Familie & Kind",
  "Forschung & Förderung",
  "Gesundheit",
  "Mobilität & Reisen",
  "Querschnittsleistungen",
  "Recht & Ordnung",
  "Steuern & Zoll",
  "Umwelt",
  "Unternehmensführung & -entwicklung",
] as const;
export type Themenfeld = (typeof THEMENFELDER)[number];

export const URGENCIES = ["low", "medium", "high", "critical"] as const;
export type Urgency = (typeof URGENCIES)[number];
