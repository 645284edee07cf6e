/**
 * When a page's render is given up. Every page's data is loaded before it renders (no deferred
 * parts), so a render never waits for anything but its turn: after a start, with many first views
 * at once, renders queue behind each other for seconds while the code is still cold. A limit counted
 * from the request made such renders fail with 500 ("The render was aborted by the server") though
 * they would have finished. So the short limit only counts once the page frame (React's shell) is
 * ready, for parts still suspended after it (none today); before that only a long limit applies, so
 * a render that could never finish does not hold its connection forever.
 */
export const RENDER_LIMITS = { untilShellMs: 60_000, afterShellMs: 5_000 } as const;

export function renderDeadline(abort: () => void, limits: { untilShellMs: number; afterShellMs: number } = RENDER_LIMITS) {
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(abort, limits.untilShellMs);
  return {
    /** The shell is rendered: what is still pending gets the short limit. */
    shellReady() {
      clearTimeout(timer);
      timer = setTimeout(abort, limits.afterShellMs);
    },
    /** Finished or failed: no abort (a pending timer would also keep the finished render alive). */
    done() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
