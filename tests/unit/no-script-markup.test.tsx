import { describe, expect, it } from "vitest";
import { ConfirmedSubmit } from "#app/components/forms";
import { useNoScriptAction } from "#app/components/hydrated";
import { PrintButton } from "#app/components/PrintButton";
import { renderComponent } from "#tests/helpers/render";

// What a browser without JavaScript gets: the server's markup is all there is.

describe("the print button in the server's page", () => {
  it("is hidden until the page is interactive, with the shortcut named for a browser without JavaScript", async () => {
    const html = await renderComponent(<PrintButton />);
    expect(html).toContain('class="print-control no-print"');
    expect(html).toMatch(/<button[^>]*class="[^"]*print-control-button[^"]*"[^>]*>.*Drucken/);
    expect(html).toContain('<noscript><span class="print-control-hint">Zum Drucken: Strg+P (Mac: cmd+P)</span></noscript>');
  });
});

describe("a confirmation the server asks for", () => {
  const props = { formId: "step", label: "Kandidat anlegen …", question: "Wirklich anlegen?", confirmLabel: "Ja, Kandidat anlegen" };

  it("stands in the first button's place, with „Abbrechen“ leading back to the page without the pending step", async () => {
    const html = await renderComponent(<ConfirmedSubmit {...props} needsConfirm />, "de", "/anforderungen/5?index&tab=2");
    expect(html).toContain("Wirklich anlegen?");
    expect(html).toMatch(/<button[^>]*name="confirm"[^>]*value="yes"[^>]*>.*Ja, Kandidat anlegen/);
    expect(html).not.toContain("Kandidat anlegen …");
    expect(html).toMatch(/<a[^>]*href="\/anforderungen\/5\?tab=2"[^>]*>.*Abbrechen/);
  });

  it("is not there before the first click: only the button that asks", async () => {
    const html = await renderComponent(<ConfirmedSubmit {...props} needsConfirm={false} />, "de", "/anforderungen/5");
    expect(html).toContain("Kandidat anlegen …");
    expect(html).not.toContain("Wirklich anlegen?");
    expect(html).not.toContain("Abbrechen");
  });
});

describe("a form's action for a page without JavaScript", () => {
  function CommentForm() {
    return <form method="post" action={useNoScriptAction("kommentare")} />;
  }
  it("carries the section's fragment, so a refused post opens there", async () => {
    expect(await renderComponent(<CommentForm />)).toContain('<form method="post" action="?index#kommentare"></form>');
  });
});
