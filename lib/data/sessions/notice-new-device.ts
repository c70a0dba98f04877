import "server-only";
import type { RequestMeta } from "@/lib/auth/context";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { boundUserAgent } from "@/lib/domain/session-policy";
import { describeUserAgent } from "@/lib/domain/user-agent";
import { newDeviceSignInMessage } from "@/lib/mail/messages/new-device-sign-in";
import { sendMail, type MailOutcome } from "@/lib/mail/send-mail";

/**
 * After a sign-in: tells the account's owner when it came from a browser (user agent) none of
 * their earlier sessions used. The first sign-in of an account is no news.
 */
export async function noticeNewDevice(
  user: { id: string; email: string },
  sessionId: string,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
  now = new Date(),
): Promise<MailOutcome | "known-device"> {
  const earlier = { userId: user.id, id: { not: sessionId } };
  const [seen, any] = await Promise.all([
    db().session.count({ where: { ...earlier, userAgent: boundUserAgent(meta.userAgent) } }),
    db().session.count({ where: earlier }),
  ]);
  if (seen > 0 || any === 0) return "known-device";
  return sendMail(
    newDeviceSignInMessage({
      to: user.email,
      device: describeUserAgent(meta.userAgent),
      ip: meta.ip,
      at: `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      resetLink: `${config.publicUrl()}/forgot-password`,
    }),
    "new-device-sign-in",
  );
}
