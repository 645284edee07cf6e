import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useEventSource } from "remix-utils/sse/react";

/**
 * Follows a workshop's event stream and re-reads the page's data on every event. The browser's
 * EventSource reconnects by itself; the server greets every (re)connection with "hello", so a
 * reconnect re-reads whatever was missed meanwhile.
 */
export function useWorkshopEvents(workshopId: number): void {
  const message = useEventSource(`/workshops/${workshopId}/events`, { event: "workshop" });
  const revalidator = useRevalidator();
  const ref = useRef(revalidator);
  ref.current = revalidator;
  useEffect(() => {
    if (message) ref.current.revalidate();
  }, [message]);
}
