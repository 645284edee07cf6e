import { unstable_createFormContext as createFormContext, type SubmissionResult } from "@conform-to/dom";
import { afterAll, describe, expect, it, vi } from "vitest";
import { fetcherResult } from "#app/components/forms";

// conform looks its form element up in the document; there is none here.
vi.stubGlobal("document", { forms: { namedItem: () => null } });
afterAll(() => {
  vi.unstubAllGlobals();
});

const failed: SubmissionResult<string[]> = {
  status: "error",
  initialValue: { intent: "score", itemId: "1" },
  error: { "scores[0].value": ["workshops:errors.scoreRequired"] },
};

/** What the live workshop's action answers on success: conform's success reply, plus its own flags. */
const succeeded = { status: "success", initialValue: { intent: "score", itemId: "1" }, ok: true, intent: "score" };

/** The form store useForm keeps, fed the fetcher's answers one after the other as useForm does. */
function formAfter(...answers: unknown[]) {
  const form = createFormContext<Record<string, unknown>>({ formId: "score-1-1", lastResult: undefined });
  for (const answer of answers) form.onUpdate({ formId: "score-1-1", lastResult: fetcherResult(answer) });
  return form.getState().error;
}

describe("a fetcher form's result for conform", () => {
  it("passes conform's reply on", () => {
    expect(fetcherResult(failed)).toBe(failed);
    expect(formAfter(failed)).toEqual(failed.error);
  });

  it("clears the errors of a failed attempt once a later one succeeds", () => {
    expect(formAfter(failed, succeeded)).toEqual({});
  });

  it("shows the errors of a failure after an earlier success", () => {
    expect(formAfter(failed, succeeded, { ...failed }, { ...succeeded }, failed)).toEqual(failed.error);
    expect(formAfter(failed, succeeded, { ...failed }, { ...succeeded })).toEqual({});
  });

  it("has nothing to say before the first answer or about other data", () => {
    expect(fetcherResult(undefined)).toBeUndefined();
    expect(fetcherResult({ ok: true })).toBeUndefined();
  });
});
