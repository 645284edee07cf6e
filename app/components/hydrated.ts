import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server's page and while React takes it over, true from then on (and in every later
 * render in the browser): for markup that only a page without JavaScript needs.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/**
 * A form's action for a page without JavaScript: the index route's own address with a fragment, so a
 * refused post opens where its message stands instead of at the top. Once hydrated, undefined:
 * Remix posts as before and the page stays where it is.
 */
export function useNoScriptAction(fragment: string): string | undefined {
  return useHydrated() ? undefined : `?index#${fragment}`;
}
