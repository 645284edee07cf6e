import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RequirementPreview } from "#app/modules/requirements/queries.server";
import { parseMessage } from "#app/utils/messages";

export type { RequirementPreview };

/** Waits this long after the last keystroke before asking the server about the typed number. */
const PREVIEW_DELAY_MS = 250;

/**
 * The server's preview of a typed requirement number (`url`: the form's preview route with the
 * number, null while the field is empty). Only an answer about what the field holds now counts, and
 * only one asked since the form's own last answer (`lastResult`): that answer is the news until the
 * number is changed again.
 */
export function useRequirementPreview(url: string | null, lastResult: unknown): RequirementPreview | undefined {
  const [answer, setAnswer] = useState<{ url: string; after: unknown; preview: RequirementPreview } | null>(null);
  const latest = useRef(lastResult);
  latest.current = lastResult;

  // A plain fetch, not a fetcher: a failed lookup (too many requests, a lost connection, signed out
  // meanwhile) only leaves the field without a preview; it must never replace the page with the error page.
  useEffect(() => {
    if (!url) return;
    const request = new AbortController();
    const after = latest.current;
    const timer = setTimeout(() => {
      fetch(url, { signal: request.signal, headers: { Accept: "application/json" } })
        .then((res) => (res.ok ? (res.json() as Promise<RequirementPreview>) : null))
        .then((preview) => {
          if (!request.signal.aborted) setAnswer(preview && typeof preview.ok === "boolean" ? { url, after, preview } : null);
        })
        .catch(() => undefined);
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      request.abort();
    };
  }, [url]);

  return answer && answer.url === url && answer.after === lastResult ? answer.preview : undefined;
}

/** A preview in words: the line naming the requirement, or the refusal. */
export function usePreviewText(preview: RequirementPreview | undefined) {
  const { t } = useTranslation("requirements");
  const target = preview?.ok ? preview.target : undefined;
  const refusal = preview && !preview.ok ? parseMessage(preview.message) : undefined;
  return {
    line: target
      ? t("requirements:detail.numberPreview", { id: target.id, title: target.title, organisation: target.organisationName, status: t(`requirements:status.${target.status}`) })
      : undefined,
    refused: refusal ? t(refusal.key, refusal.values) : undefined,
  };
}

/**
 * The preview below a number field, inside the field's description (tied to it by
 * aria-describedby), announced politely as it changes; a refusal in the error colour.
 */
export function PreviewText({ line, refused, testId }: { line?: string; refused?: string; testId: string }) {
  return (
    <span
      aria-live="polite"
      aria-atomic="true"
      data-testid={testId}
      style={{ display: "block", ...(refused ? { color: "var(--mantine-color-error)" } : line ? { color: "var(--mantine-color-text)", fontWeight: 600 } : {}) }}
    >
      {line ?? refused ?? ""}
    </span>
  );
}
