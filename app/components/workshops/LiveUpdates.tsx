import { useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useEventSource } from "remix-utils/sse/react";

/**
 * Follows a workshop's event stream and re-reads the page's data on every event. The browser's
 * EventSource reconnects by itself; the server greets every (re)connection with "hello", so a
 * reconnect re-reads whatever was missed meanwhile.
 *
 * While a navigation or form submission is under way, the re-read waits until it has finished:
 * re-reading in the middle would cancel the navigation's own data request, whose answer carries the
 * confirmation message (read once) of what the user just did.
 */
export function useWorkshopEvents(workshopId: number): void {
  const message = useEventSource(`/workshops/${workshopId}/events`, { event: "workshop" });
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  const pending = useRef(false);
  useEffect(() => {
    if (message) pending.current = true;
  }, [message]);
  useEffect(() => {
    if (pending.current && navigation.state === "idle") {
      pending.current = false;
      ref.current.revalidate();
    }
  }, [message, navigation.state]);
}
