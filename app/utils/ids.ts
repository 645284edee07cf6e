import { z } from "zod";

/** Ids are PostgreSQL `integer`s: a larger number from a form or an address would be a database error there instead of a 404 or a message at the field. */
export const MAX_ID = 2_147_483_647;

/** An optional id in an address's query (a filter, a paging key); anything unusable is ignored. */
export const queryId = () => z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined);

/**
 * The number of a requirement typed into a form (a duplicate's target, a requirement to add to a
 * candidate). Pages show numbers as „Nr. 12“, so a copied „Nr. 12“ or „#12“ reads as 12; anything but
 * digits is refused with `message`.
 */
export const requirementNumber = (message: string) =>
  z.preprocess(
    (v) => {
      // Only text and numbers are read: String() of an odd object from the form parser can throw.
      const digits = typeof v === "string" ? v.trim().replace(/^(?:nr\.?|#)\s*/i, "") : typeof v === "number" ? String(v) : "";
      // Only digits: Number() would read „1e3“ as 1000 and „0x10“ as 16.
      return /^\d{1,10}$/.test(digits) ? digits : "-";
    },
    z.coerce.number({ invalid_type_error: message }).int(message).positive(message).max(MAX_ID, message),
  );
