type T = (key: string, options?: Record<string, unknown>) => string;

export interface StoredNotice {
  /** With its namespace: "requirements:notifications.cosigned". */
  message_key: string;
  params: Record<string, string>;
}

/**
 * The sentence a notice says, in the language of `t` (one that knows every namespace): the
 * notifications page shows it, the personal data export writes it.
 */
export function noticeText(t: T, n: StoredNotice): string {
  // "status" is a requirement status only in the requirements' messages. Rollout messages written
  // before they carried "rolloutStatus" kept the rollout status under "status".
  const requirementMessage = n.message_key.startsWith("requirements:");
  const params = {
    ...n.params,
    ...(requirementMessage ? { status: n.params.status ? t(`requirements:status.${n.params.status}`) : "" } : {}),
    ...(!requirementMessage && n.params.status && !n.params.rolloutStatus ? { rolloutStatus: n.params.status } : {}),
  };
  return t(n.message_key, params);
}
