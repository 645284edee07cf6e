import { Button, Stack, Text } from "@mantine/core";
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { fetcherResult, FormErrors, useIntentResult } from "#app/components/forms";
import type { MoveDirection } from "#app/modules/workshops/schema";

/** The id of an item's „Nach oben“ / „Nach unten“ button. */
export const moveButtonId = (itemId: number, direction: MoveDirection) => `verschieben-${itemId}-${direction}`;

type MoveReply = { ok?: boolean; intent?: string; moved?: { itemId: number; position: number } };
type Moves = ReturnType<typeof useAgendaMoves>;

/**
 * The agenda's move buttons post through one fetcher: the page stays, its data is re-read, and the
 * focus goes back to the moved item's button (React may have moved its row, which drops the focus),
 * or to its other button once it has reached the first or last place. A refusal leaves the focus
 * where it was and says why. Without JavaScript the buttons are plain form posts.
 */
export function useAgendaMoves(items: { id: number; candidateTitle: string }[]) {
  const { t } = useTranslation("workshops");
  const fetcher = useFetcher<MoveReply>({ key: "agenda-move" });
  const sentWithoutScript = useIntentResult("move");
  const reply = fetcherResult(fetcher.data) ?? sentWithoutScript;
  const errors = Object.values(reply?.error ?? {}).flatMap((e) => e ?? []);
  const focusAfter = useRef<{ target: string; fallback: string } | null>(null);
  const moved = fetcher.state === "idle" && fetcher.data?.ok ? fetcher.data.moved : undefined;

  useEffect(() => {
    const wanted = focusAfter.current;
    if (fetcher.state !== "idle" || !wanted) return;
    focusAfter.current = null;
    if (!fetcher.data?.ok) return;
    (document.getElementById(wanted.target) ?? document.getElementById(wanted.fallback))?.focus();
  }, [fetcher.state, fetcher.data]);

  const movedTitle = moved ? items.find((i) => i.id === moved.itemId)?.candidateTitle : undefined;
  return {
    fetcher,
    errors,
    message: moved && movedTitle !== undefined ? t("overview.moved", { title: movedTitle, position: moved.position }) : "",
    /** Before a move is sent: which button should have the focus once the new order stands. */
    focusAfterMove(itemId: number, direction: MoveDirection, index: number, count: number) {
      const to = direction === "up" ? index - 1 : index + 1;
      const atEnd = to === 0 || to === count - 1;
      const other: MoveDirection = direction === "up" ? "down" : "up";
      focusAfter.current = atEnd
        ? { target: moveButtonId(itemId, other), fallback: moveButtonId(itemId, direction) }
        : { target: moveButtonId(itemId, direction), fallback: moveButtonId(itemId, other) };
    },
  };
}

/** „Nach oben“ / „Nach unten“ for one agenda item; the first item has no „Nach oben“, the last no „Nach unten“. */
export function MoveButtons({ moves, itemId, title, index, count }: { moves: Moves; itemId: number; title: string; index: number; count: number }) {
  const { t } = useTranslation("workshops");
  const Form = moves.fetcher.Form;
  const button = (direction: MoveDirection) => (
    <Form method="post" onSubmit={() => moves.focusAfterMove(itemId, direction, index, count)}>
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="direction" value={direction} />
      <Button
        type="submit"
        id={moveButtonId(itemId, direction)}
        size="compact-sm"
        variant="default"
        fullWidth
        aria-label={t(direction === "up" ? "overview.moveUpLabel" : "overview.moveDownLabel", { title })}
      >
        {t(direction === "up" ? "overview.moveUp" : "overview.moveDown")}
      </Button>
    </Form>
  );
  // A missing button leaves its place empty, so „Nach oben“ and „Nach unten“ stand in line down the table.
  const gap = (direction: MoveDirection) => (
    <Button component="span" aria-hidden size="compact-sm" variant="default" fullWidth style={{ visibility: "hidden" }}>
      {t(direction === "up" ? "overview.moveUp" : "overview.moveDown")}
    </Button>
  );
  return (
    <Stack gap={4} align="stretch">
      {index > 0 ? button("up") : gap("up")}
      {index < count - 1 ? button("down") : gap("down")}
    </Stack>
  );
}

/** What the last move did or why it was refused, announced to screen readers as it changes. */
export function MoveStatus({ moves }: { moves: Moves }) {
  return (
    <>
      <Text size="sm" role="status" aria-live="polite" mt="xs">
        {moves.message}
      </Text>
      <FormErrors errors={moves.errors.length > 0 ? moves.errors : undefined} />
    </>
  );
}
