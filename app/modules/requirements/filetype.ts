// Detects a file's type from its first bytes, never from its name. Office Open XML and
// OpenDocument files are ZIP containers; their extension decides which of them, once the content
// has shown it is a ZIP at all.

export interface DetectedType {
  mime: string;
  label: string;
}

const startsWith = (buf: Uint8Array, sig: number[], offset = 0) => sig.every((b, i) => buf[offset + i] === b);

const ZIP_TYPES: Record<string, DetectedType> = {
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint" },
  odt: { mime: "application/vnd.oasis.opendocument.text", label: "OpenDocument Text" },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", label: "OpenDocument Tabelle" },
  odp: { mime: "application/vnd.oasis.opendocument.presentation", label: "OpenDocument Präsentation" },
};

const OLE_TYPES: Record<string, DetectedType> = {
  doc: { mime: "application/msword", label: "Word" },
  xls: { mime: "application/vnd.ms-excel", label: "Excel" },
  ppt: { mime: "application/vnd.ms-powerpoint", label: "PowerPoint" },
};

export function detectFileType(head: Uint8Array, fileName: string): DetectedType | null {
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: "application/pdf", label: "PDF" };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: "image/png", label: "PNG" };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: "image/jpeg", label: "JPEG" };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { mime: "image/gif", label: "GIF" };
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return { mime: "image/webp", label: "WebP" };
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return ZIP_TYPES[ext] ?? null;
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE_TYPES[ext] ?? null;
  return null;
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_UPLOAD = 5;

/** What a file picker offers; whether a file is one of these, its content decides (detectFileType). */
export const ATTACHMENT_ACCEPT = [".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ...[...Object.keys(ZIP_TYPES), ...Object.keys(OLE_TYPES)].sort().map((e) => `.${e}`)].join(",");

/**
 * Why one file would be refused (too large, empty, type by content), or null. The same rule on the
 * server and in the browser, which reads the first 16 bytes before the form is sent.
 */
export function fileRefusalKey(size: number, head: Uint8Array, fileName: string): string | null {
  if (size > MAX_ATTACHMENT_BYTES) return "requirements:attachments.tooLarge";
  if (size === 0) return "requirements:attachments.empty";
  if (!detectFileType(head, fileName)) return "requirements:attachments.wrongType";
  return null;
}
