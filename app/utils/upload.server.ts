import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { refusalValues, type UploadedFile } from "#app/modules/requirements/attachments.server";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_UPLOAD } from "#app/modules/requirements/filetype";

const MAX_TEXT_FIELD_BYTES = 1024 * 1024;

/** `fileErrorValues`: what the message names (the refused file), when it is about one file. */
export type ParsedUpload = { formData: FormData; files: UploadedFile[]; fileError: string | null; fileErrorValues?: Record<string, string>; status: number };

/**
 * Reads a form that may carry files (multipart) or not. A file over the per-file limit is read to its
 * end and discarded (never kept beyond the limit) and the rest of the body is read as usual, then
 * reported like every other refused file: HTTP 400, message at the field, text fields kept, so the
 * user loses nothing typed. Not 413: answered with 413, Chromium failed the request (net::ERR_ABORTED)
 * and the page showed an error instead of the form. Bodies over the overall limit are refused with
 * 413 before they are read (scripts/serve.ts).
 */
export async function parseFormWithFiles(request: Request): Promise<ParsedUpload> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await request.formData(), files: [], fileError: null, status: 200 };
  let fileError: string | null = null;
  let tooLarge: string | null = null;
  let fileCount = 0;
  let status = 200;
  const files: UploadedFile[] = [];
  const handler: UploadHandler = async ({ filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const limit = filename ? MAX_ATTACHMENT_BYTES : MAX_TEXT_FIELD_BYTES;
    // Past the limit, the rest of the part is still read (so the whole body arrives) but not kept.
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    }
    const bytes = Buffer.concat(chunks);
    if (!filename) return size <= limit ? new TextDecoder().decode(bytes) : undefined;
    // An empty file is kept, so the check refuses it by name (a field left without a file has no filename).
    fileCount += 1;
    if (size > limit) {
      fileError = "requirements:attachments.tooLarge";
      tooLarge ??= filename;
      status = 400;
      return undefined;
    }
    files.push({ name: filename, bytes: new Uint8Array(bytes) });
    return undefined;
  };
  const formData = await unstable_parseMultipartFormData(request, handler);
  if (!fileError && files.length > MAX_ATTACHMENTS_PER_UPLOAD) {
    fileError = "requirements:attachments.tooMany";
    status = 400;
  }
  const fileErrorValues = tooLarge ? refusalValues(tooLarge, fileCount) : undefined;
  return { formData, files: fileError ? [] : files, fileError, fileErrorValues, status };
}
