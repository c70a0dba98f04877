"use server";
import { z } from "zod";
import { ZText } from "@/lib/validation/fields";
import { endOtherSessions } from "@/lib/data/sessions/end-other-sessions";
import { endOwnSession } from "@/lib/data/sessions/end-own-session";
import { SafeError } from "@/lib/errors";
import { userAction } from "./action";

export const endSessionAction = userAction({ name: "session.end", schema: z.object({ sessionId: ZText().min(1).max(64) }) }, async (user, input) => {
  // This browser's own session ends with "Sign out", which also clears the cookie.
  if (input.sessionId === user.sessionId) throw new SafeError("To end this browser's session, use Sign out.", "conflict");
  return endOwnSession(user, input.sessionId);
});

export const endOtherSessionsAction = userAction({ name: "session.end-others", schema: z.object({}) }, (user) => endOtherSessions(user));
