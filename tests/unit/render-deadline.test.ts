import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RENDER_LIMITS, renderDeadline } from "#app/utils/render-deadline.server";

describe("when a page's render is given up", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("not while it waits its turn: a render queued for seconds after a start still finishes", () => {
    const abort = vi.fn();
    renderDeadline(abort);
    vi.advanceTimersByTime(30_000);
    expect(abort).not.toHaveBeenCalled();
  });

  it("after the long limit if its frame never gets ready", () => {
    const abort = vi.fn();
    renderDeadline(abort);
    vi.advanceTimersByTime(RENDER_LIMITS.untilShellMs - 1);
    expect(abort).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(abort).toHaveBeenCalledTimes(1);
  });

  it("parts still pending after the frame is ready get the short limit", () => {
    const abort = vi.fn();
    const deadline = renderDeadline(abort);
    vi.advanceTimersByTime(20_000);
    deadline.shellReady();
    vi.advanceTimersByTime(RENDER_LIMITS.afterShellMs - 1);
    expect(abort).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(abort).toHaveBeenCalledTimes(1);
  });

  it("never once the render is done, and leaves no timer behind", () => {
    const abort = vi.fn();
    const deadline = renderDeadline(abort);
    deadline.shellReady();
    deadline.done();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(RENDER_LIMITS.untilShellMs * 2);
    expect(abort).not.toHaveBeenCalled();
  });
});
