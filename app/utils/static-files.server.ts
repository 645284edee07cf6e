import fs from "node:fs";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";

/**
 * express.static for a folder whose top-level entries are known at start (the build's client folder,
 * public/): a request whose first path segment names none of them goes straight on to the app,
 * instead of costing a file-system lookup on every page request (express.static answers "not found"
 * only after asking the disk). Entries added to the folder later are not served until a restart.
 */
export function staticTopLevel(dir: string, options: Parameters<typeof express.static>[1]): RequestHandler {
  const serve = express.static(dir, options);
  const names = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const first = req.path.split("/")[1] ?? "";
    let name: string;
    try {
      name = decodeURIComponent(first);
    } catch {
      return next();
    }
    return names.has(name) ? serve(req, res, next) : next();
  };
}
