import { z } from "zod";

/** Ids are PostgreSQL `integer`s: a larger number from a form or an address would be a database error there instead of a 404 or a message at the field. */
export const MAX_ID = 2_147_483_647;

/** An optional id in an address's query (a filter, a paging key); anything unusable is ignored. */
export const queryId = () => z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined);
