import type { TFunction } from "i18next";
import { formattersFor } from "#app/utils/format";

/**
 * A co-signature's quantity with what it counts, as the co-sign form asks for it („Anzahl (z. B.
 * betroffene Arbeitsplätze oder Fälle pro Jahr)“): „Anzahl: 1.200 (betroffene Arbeitsplätze oder
 * Fälle pro Jahr)“, the number grouped the page language's way.
 */
export function cosignQuantityText(t: TFunction, lng: string, quantity: number): string {
  return t("requirements:detail.quantity", { count: quantity, quantity: formattersFor(lng).number.format(quantity) });
}
