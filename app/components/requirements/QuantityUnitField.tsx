import { Group, Radio } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PlainButton, PlainStack } from "#app/components/plain/layout";
import { QUANTITY_UNITS } from "#app/modules/requirements/schema";

/**
 * The co-sign form's „Was zählt die Anzahl?“, needed once a quantity is given (the schema says so at
 * the field). A ticked radio button cannot be unticked, so a chosen unit can be cleared again: a unit
 * without a quantity is refused, and the way out must not be a reload.
 */
export function QuantityUnitField({ name, defaultValue, error }: { name: string; defaultValue?: string; error?: string }) {
  const { t } = useTranslation("requirements");
  const [unit, setUnit] = useState<string | null>(defaultValue && (QUANTITY_UNITS as readonly string[]).includes(defaultValue) ? defaultValue : null);
  return (
    <PlainStack gap={4}>
      <Radio.Group name={name} label={t("detail.cosignQuantityUnit")} description={t("detail.cosignQuantityUnitHint")} value={unit} onChange={setUnit} error={error}>
        <Group gap="md" mt={4}>
          {QUANTITY_UNITS.map((u) => (
            <Radio key={u} value={u} label={t(`detail.quantityUnit.${u}`)} />
          ))}
          {/* Without JavaScript there is no „Auswahl aufheben“: a third choice like the others sends no unit. */}
          <noscript>
            <Radio value="" label={t("detail.quantityUnit.none")} />
          </noscript>
        </Group>
      </Radio.Group>
      {unit && (
        <div>
          <PlainButton variant="subtle" size="compact-sm" onClick={() => setUnit(null)}>
            {t("detail.cosignQuantityUnitClear")}
          </PlainButton>
        </div>
      )}
    </PlainStack>
  );
}
