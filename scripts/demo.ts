import { startServer } from "./server";

await startServer({ demo: true });
