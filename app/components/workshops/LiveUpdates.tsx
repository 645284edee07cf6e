import { useFetchers, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useEventSource } from "remix-utils/sse/react";

/**
 * Follows a workshop's event stream and re-reads the page's data on every event. The browser's
 * EventSource reconnects by itself; the server greets every (re)connection with "hello", so a
 * reconnect re-reads whatever was missed meanwhile.
 *
 * While a navigation or a form submission (of the page or of a fetcher) is under way, the re-read
 * waits until it has finished. Re-reading in the middle would cancel a navigation's own data request,
 * whose answer carries the confirmation message (read once) of what the user just did; and a fetcher's
 * step re-reads the page itself once saved, so a second re-read beside it only redraws the page while
 * the focus is being moved to the step's result.
 */
export function useWorkshopEvents(workshopId: number): void {
  const message = useEventSource(`/workshops/${workshopId}/events`, { event: "workshop" });
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const busy = navigation.state !== "idle" || fetchers.some((f) => f.state !== "idle");
  const ref = useRef(revalidator);
  ref.current = revalidator;
  const pending = useRef(false);
  useEffect(() => {
    if (message) pending.current = true;
  }, [message]);
  useEffect(() => {
    if (pending.current && !busy) {
      pending.current = false;
      ref.current.revalidate();
    }
  }, [message, busy]);
}
