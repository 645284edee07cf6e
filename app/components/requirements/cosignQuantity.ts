import type { TFunction } from "i18next";
import { isQuantityUnit } from "#app/modules/requirements/schema";
import { formattersFor } from "#app/utils/format";

/**
 * A co-signature's quantity with what it counts, the number grouped the page language's way:
 * „1.500 betroffene Arbeitsplätze“, „1 Fall pro Jahr“; a co-signature from before the unit was asked
 * (or with a value the app does not know) „1.500 (Einheit nicht angegeben)“.
 */
export function cosignQuantityText(t: TFunction, lng: string, quantity: number, unit: string | null): string {
  const options = { count: quantity, quantity: formattersFor(lng).number.format(quantity) };
  return isQuantityUnit(unit) ? t(`requirements:detail.quantity.${unit}`, options) : t("requirements:detail.quantity.none", options);
}
