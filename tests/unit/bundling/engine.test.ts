import { describe, expect, it } from "vitest";
import {
  addDocument,
  buildIndex,
  cannotLinkFromRemoval,
  cluster,
  removeDocument,
  suggest,
  type BundlingDocument,
} from "#app/modules/bundling/engine/index";

function doc(id: number | string, title: string, extra: Partial<BundlingDocument> = {}): BundlingDocument {
  return { id, title, description: "", themenfeld: null, system: null, ...extra };
}

const CORPUS: BundlingDocument[] = [
  doc(1, "Hundesteuer Anmeldung", { themenfeld: "Steuern & Zoll" }),
  doc(2, "Anmeldung der Hundesteuer online", { themenfeld: "Steuern & Zoll" }),
  doc(3, "Hundesteueranmeldung digital", { themenfeld: "Steuern & Zoll" }),
  doc(4, "Abmeldung eines Hundes von der Hundesteuer", { themenfeld: "Steuern & Zoll" }),
  doc(5, "Baugenehmigung beantragen", { themenfeld: "Bauen & Wohnen" }),
  doc(6, "Antrag auf Baugenehmigung online stellen", { themenfeld: "Bauen & Wohnen" }),
  doc(7, "Digitaler Bauantrag mit Baugenehmigung", { themenfeld: "Bauen & Wohnen" }),
  doc(8, "Wohngeld Antrag", { themenfeld: "Bauen & Wohnen" }),
  doc(9, "Wohngeldantrag digital einreichen", { themenfeld: "Bauen & Wohnen" }),
  doc(10, "Erhöhung des Wohngeldes beantragen", { themenfeld: "Bauen & Wohnen" }),
  doc(11, "Fischereischein ausstellen", { themenfeld: "Engagement & Hobby" }),
  doc(12, "Ausstellung des Fischereischeins", { themenfeld: "Engagement & Hobby" }),
];

function shuffled<T>(arr: readonly T[], seed: number): T[] {
  const out = [...arr];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const groupsOf = (cs: ReturnType<typeof cluster>) =>
  cs.map((c) => c.memberIds.map(String).join(",")).sort();

describe("suggest", () => {
  const index = buildIndex(CORPUS);

  it("finds compound and inflected variants while typing", () => {
    const res = suggest(index, "Anmeldung Hundest", { limit: 3 });
    expect(res.length).toBeGreaterThan(0);
    expect(res.map((r) => r.id)).toEqual(expect.arrayContaining([1, 2]));
    for (const r of res) expect([1, 2, 3, 4]).toContain(r.id);
  });

  it("matches a compound against its parts and returns shared surface words", () => {
    const res = suggest(index, "Hundesteueranmeldung", { limit: 4 });
    const ids = res.map((r) => r.id);
    expect(ids).toContain(1);
    expect(ids).toContain(2);
    const r2 = res.find((r) => r.id === 2);
    expect(r2?.sharedTerms).toEqual(expect.arrayContaining(["Anmeldung", "Hundesteuer"]));
  });

  it("is sorted by score and respects limit and excludeIds", () => {
    const res = suggest(index, { title: "Wohngeld beantragen", themenfeld: "Bauen & Wohnen" }, { limit: 2, excludeIds: [8] });
    expect(res.length).toBeLessThanOrEqual(2);
    expect(res.map((r) => r.id)).not.toContain(8);
    for (let i = 1; i < res.length; i++) expect(res[i - 1].score).toBeGreaterThanOrEqual(res[i].score);
  });

  it("handles bad input without crashing", () => {
    expect(suggest(index, "")).toEqual([]);
    expect(suggest(index, "🐶🐶 \u0000\u0007")).toEqual([]);
    expect(suggest(index, "der die das")).toEqual([]);
    expect(Array.isArray(suggest(index, "Wohngeld"))).toBe(true);
    expect(Array.isArray(suggest(index, "The quick brown fox jumps over the lazy dog"))).toBe(true);
    expect(Array.isArray(suggest(index, "税务登记"))).toBe(true);
    const long = "Wohngeld Antrag Einkommen Miete ".repeat(1700);
    expect(long.length).toBeGreaterThan(50_000);
    const res = suggest(index, long, { limit: 3 });
    expect(res[0]?.id).toBe(8);
    expect(suggest(buildIndex([]), "Wohngeld")).toEqual([]);
  });

  it("supports cheap add/remove", () => {
    const added = addDocument(index, doc("neu", "Hundesteuer Ermäßigung beantragen"));
    expect(suggest(added, "Hundesteuer Ermäßigung", { limit: 1 })[0].id).toBe("neu");
    const removed = removeDocument(added, "neu");
    expect(suggest(removed, "Hundesteuer Ermäßigung", { limit: 5 }).map((r) => r.id)).not.toContain("neu");
    // the original index is unchanged
    expect(index.docs.length).toBe(CORPUS.length);
  });
});

describe("cluster", () => {
  it("groups the obvious topics and explains them", () => {
    const cs = cluster(CORPUS);
    const hund = cs.find((c) => c.memberIds.includes(1));
    expect(hund?.memberIds).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(hund?.memberIds).not.toContain(5);
    expect(hund?.commonThemenfeld).toBe("Steuern & Zoll");
    expect(hund?.sharedTerms.join(" ")).toMatch(/Hundesteuer/);
    const fisch = cs.find((c) => c.memberIds.includes(11));
    expect(fisch?.memberIds).toEqual([11, 12]);
    for (const c of cs) {
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
      expect(c.memberIds.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("is deterministic and independent of input order", () => {
    const ref = cluster(CORPUS);
    for (const seed of [1, 2, 3, 42]) {
      const again = cluster(shuffled(CORPUS, seed));
      expect(groupsOf(again)).toEqual(groupsOf(ref));
      expect(again).toEqual(ref);
    }
  });

  it("never proposes locked ids", () => {
    const cs = cluster(buildIndex(CORPUS), { locked: [1, 2, 11] });
    const all = cs.flatMap((c) => c.memberIds);
    expect(all).not.toContain(1);
    expect(all).not.toContain(2);
    expect(all).not.toContain(11);
    // 12 lost its only partner
    expect(all).not.toContain(12);
  });

  it("respects cannot-link pairs (removed from a candidate)", () => {
    const before = cluster(CORPUS);
    const hund = before.find((c) => c.memberIds.includes(3));
    expect(hund).toBeDefined();
    const others = hund!.memberIds.filter((id) => id !== 3);
    const pairs = cannotLinkFromRemoval(3, hund!.memberIds);
    expect(pairs.length).toBe(others.length);
    const after = cluster(CORPUS, { cannotLink: pairs });
    for (const c of after) {
      if (c.memberIds.includes(3)) for (const o of others) expect(c.memberIds).not.toContain(o);
    }
    // the rest of the candidate can still be proposed
    expect(after.some((c) => others.every((o) => c.memberIds.includes(o)))).toBe(true);
  });

  it("can return singletons", () => {
    const cs = cluster(CORPUS, { minSize: 1 });
    expect(cs.flatMap((c) => c.memberIds).sort((a, b) => Number(a) - Number(b))).toEqual(CORPUS.map((d) => d.id));
  });

  it("keeps apart needs that only mention one another's subject (one shared word, unrelated titles)", () => {
    const req = (id: number, title: string, description: string, themenfeld: string) => doc(id, title, { description, themenfeld });
    const others = [
      req(20, "Hundesteuer online anmelden", "Hunde werden mit einem Papierformular angemeldet und von Hand ins Steuerverfahren übertragen.", "Steuern & Zoll"),
      req(21, "Online-Anmeldung zur Hundesteuer", "Die Anmeldung eines Hundes soll online möglich sein, die Daten sollen ins Steuerverfahren fließen.", "Steuern & Zoll"),
      req(22, "Kita-Platzvergabe digital", "Eltern melden ihr Kind bei jeder Kita einzeln an; die Platzvergabe erfolgt mit Listen.", "Familie & Kind"),
      req(23, "Zentrales Kita-Portal", "Ein Portal für die Voranmeldung in allen Kitas mit zentraler Platzvergabe.", "Familie & Kind"),
    ];
    const q = "Querschnittsleistungen";
    // Council information systems that should be accessible, and accessible websites.
    const council = [
      req(1, "Ablösung des Ratsinformationssystems", "Unser Ratsinformationssystem ist veraltet, nicht barrierefrei und auf Tablets kaum nutzbar. Ein neues Ratsinformationssystem soll barrierefrei sein und Vorlagen und Niederschriften übernehmen.", q),
      req(2, "Ratsinformationssystem für Kreistag und Ausschüsse", "Das Ratsinformationssystem läuft auf einem alten Server. Gewünscht ist ein barrierefreies Ratsinformationssystem mit Volltextsuche für die Öffentlichkeit.", q),
    ];
    const websites = [
      req(3, "Barrierefreie Internetseite nach BITV", "Eine Prüfung der Internetseite hat Barrieren gefunden: fehlende Alternativtexte und schwache Kontraste. Das Redaktionssystem unterstützt barrierefreies Arbeiten kaum.", q),
      req(4, "Barrierefreie Gemeindewebseite", "Unsere Webseite ist nicht barrierefrei und bietet keine Leichte Sprache. Gewünscht ist eine barrierefreie Webseite mit barrierefreien Dokumenten.", q),
      req(5, "Gemeindehomepage barrierefrei erneuern", "Die Homepage ist veraltet, das Redaktionssystem erhält keine Updates, die BITV wird nicht erfüllt. Gewünscht ist ein barrierefreier Webbaukasten.", q),
      req(6, "Barrierefreie Formulare und Amtsblatt", "Formulare und Amtsblatt sind PDF-Dateien, die nicht barrierefrei sind. Screenreader können sie nicht lesen.", q),
    ];
    expect(groupsOf(cluster([...council, ...websites, ...others]))).toEqual(["1,2", "20,21", "22,23", "3,4,5,6"]);
    // The same with other words: cemetery administrations that want their plots in the geographic
    // information system, and geographic information systems.
    const u = "Umwelt";
    const cemeteries = [
      req(1, "Digitale Friedhofsverwaltung", "Grabstellen und Nutzungsrechte stehen auf Karteikarten. Die Grabfelder sollen künftig im Geoinformationssystem verortet werden.", u),
      req(2, "Friedhofsverwaltung mit Grabstellenplan", "Die Friedhofsverwaltung läuft mit Tabellen. Gewünscht ist eine Software für Nutzungsrechte und Gebühren, deren Lageplan aus dem Geoinformationssystem kommt.", u),
    ];
    const gis = [
      req(3, "Geoinformationssystem für die Gemeinde", "Pläne liegen verstreut als Papier und PDF vor. Gewünscht ist ein Geoinformationssystem mit Liegenschaftskarte und Bebauungsplänen.", u),
      req(4, "Webbasiertes Geoinformationssystem", "Das Geoinformationssystem läuft nur an einem Arbeitsplatz. Alle Ämter sollen Karten und Luftbilder im Browser sehen.", u),
      req(5, "Gemeinsames Geoinformationssystem der Kommunen", "Jede Kommune pflegt eigene Karten. Ein gemeinsam betriebenes Geoinformationssystem mit Leitungskataster und Luftbildern spart Lizenzen.", u),
    ];
    expect(groupsOf(cluster([...cemeteries, ...gis, ...others]))).toEqual(["1,2", "20,21", "22,23", "3,4,5"]);
  });

  it("handles bad input", () => {
    expect(cluster([])).toEqual([]);
    const weird = [
      doc(1, ""),
      doc(2, "Hund"),
      doc(3, "🐶🐶🐶\u0000\u0001"),
      doc(4, "x".repeat(50_000)),
      doc(5, "Wohngeld ".repeat(6000)),
      doc(6, "Wohngeld beantragen"),
      doc(7, "The quick brown fox"),
      doc(8, "税务登记 налоговая регистрация"),
      doc("a", "Hund"),
      doc(2, "Hund (Duplikat-ID, gewinnt)"),
    ];
    const cs = cluster(weird, { minSize: 1 });
    const ids = cs.flatMap((c) => c.memberIds);
    expect(new Set(ids.map(String)).size).toBe(ids.length);
    expect(ids.length).toBe(9);
    const wohn = cs.find((c) => c.memberIds.includes(6));
    expect(wohn?.memberIds).toContain(5);
  });
});
