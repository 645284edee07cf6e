import { AppError } from "#app/utils/errors.server";

/** The AppError a use case refused with; fails the test if it succeeded or threw something else. */
export async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected an AppError");
}
