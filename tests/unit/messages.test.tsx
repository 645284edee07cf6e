import { describe, expect, it } from "vitest";
import { FormErrors } from "#app/components/forms";
import { requirementFormSchema } from "#app/modules/requirements/schema";
import { parseMessage, tooLong } from "#app/utils/messages";
import { renderComponent } from "#tests/helpers/render";

describe("field messages that name a value", () => {
  it("carry the value after the key and read back", () => {
    expect(tooLong(5000)).toBe("validation.tooLong?max=5000");
    expect(parseMessage("validation.tooLong?max=5000")).toEqual({ key: "validation.tooLong", values: { max: "5000" } });
    expect(parseMessage("validation.required")).toEqual({ key: "validation.required", values: {} });
  });

  it("a title over the limit is refused with the limit", () => {
    const r = requirementFormSchema.safeParse({ title: "x".repeat(201) });
    expect(r.error?.issues.find((i) => i.path[0] === "title")?.message).toBe("validation.tooLong?max=200");
  });

  it("are shown with the limit in German digits, and plain keys as before", async () => {
    const html = await renderComponent(<FormErrors errors={["validation.tooLong?max=5000", "validation.required"]} />);
    expect(html).toContain("Dieser Text ist zu lang (höchstens 5.000 Zeichen).");
    expect(html).toContain("Bitte füllen Sie dieses Feld aus.");
  });
});
